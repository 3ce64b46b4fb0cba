/**
 * The ШНОР list through the years: the rule applied as of every year that has
 * a year with data before it, each school's status in each, and who entered
 * and who left the list.
 */
import { analyzeSchools, Analysis, chooseYears, schoolsOf, Status, yearsWithData } from "../rule";
import { SchoolRecord } from "../table/model";

/** How a school's ШНОР status changed from the year before: null for the first year of the history. */
export type Change = "entered" | "left" | "stayed" | null;

export interface HistoryYear {
  /** The previous school year of the rule (by its end), and the year before it with data. */
  year: number;
  years: [number, number];
  schools: number;
  shnor: number;
  risk: number;
  /** Schools ШНОР this year and not the year before; null for the first year. */
  entered: number | null;
  left: number | null;
  stayed: number | null;
}

export interface SchoolHistoryEntry {
  year: number;
  status: Status;
  change: Change;
}

export interface SchoolHistory {
  school: SchoolRecord;
  entries: SchoolHistoryEntry[];
}

export interface History {
  years: HistoryYear[];
  /** In the order of the schools (as the analysis lists them). */
  schools: SchoolHistory[];
  /** The analysis as of each year of `years`. */
  analyses: Analysis[];
}

/** An analysis is not changed once made: its history is worked out once (the report, the indicators and the sheet all ask). */
const histories = new WeakMap<Analysis, History>();

/**
 * The rule as of each year with data up to the analysis' previous year, from the second such
 * year on (the first has no year before it). The settings are the analysis' own.
 */
export function schoolHistory(analysis: Analysis): History {
  let history = histories.get(analysis);
  if (!history) histories.set(analysis, (history = workOutHistory(analysis)));
  return history;
}

function workOutHistory(analysis: Analysis): History {
  // The list the analysis was made of: the years with data found for it are known already.
  const schools = schoolsOf(analysis);
  const last = analysis.years[1];
  const years = yearsWithData(schools, analysis.settings).filter((y) => last !== null && y <= last);
  const analyses: Analysis[] = [];
  for (const year of years) {
    const [before] = chooseYears(schools, { ...analysis.settings, year });
    if (before === null) continue;
    analyses.push(year === last ? analysis : analyzeSchools(schools, { ...analysis.settings, year }));
  }
  const history: History = { years: [], schools: schools.map((school) => ({ school, entries: [] })), analyses };
  analyses.forEach((a, k) => {
    const prior = k > 0 ? analyses[k - 1] : null;
    let entered = 0;
    let left = 0;
    let stayed = 0;
    a.verdicts.forEach((v, i) => {
      let change: Change = null;
      if (prior) {
        const was = prior.verdicts[i].status === "shnor";
        const is = v.status === "shnor";
        change = is && was ? "stayed" : is ? "entered" : was ? "left" : null;
        if (change === "entered") entered++;
        else if (change === "left") left++;
        else if (change === "stayed") stayed++;
      }
      history.schools[i].entries.push({ year: a.years[1] as number, status: v.status, change });
    });
    history.years.push({
      year: a.years[1] as number,
      years: [a.years[0] as number, a.years[1] as number],
      schools: a.summary.schools,
      shnor: a.summary.shnor,
      risk: a.summary.risk,
      entered: prior ? entered : null,
      left: prior ? left : null,
      stayed: prior ? stayed : null,
    });
  });
  return history;
}
