/** Builders for the dynamics tests: schools with results, and pupil groups. */
import { Procedure, procedureKey, SchoolRecord } from "../../../src/core";
import { PupilGroup, PupilResult } from "../../../src/core/pupils/model";

export const vpr = (subject: string, grade: number, year: number): Procedure => ({ type: "ВПР", subject, grade, level: null, year });
export const oge = (subject: string, year: number): Procedure => ({ type: "ОГЭ", subject, grade: null, level: null, year });

export function school(name: string, results: [Procedure, number | null][], row = 0): SchoolRecord {
  return {
    name,
    login: null,
    territory: null,
    row,
    results: results.map(([procedure, failPercent]) => ({
      procedure,
      key: procedureKey(procedure),
      failPercent,
      highPercent: null,
      participants: null,
      failCount: null,
    })),
  };
}

export interface PupilSpec {
  score: number | null;
  mark?: number | null;
  journal?: number | null;
}

export function pupil(p: PupilSpec, row = 0): PupilResult {
  return {
    code: String(40000 + row),
    variant: null,
    primaryScore: p.score,
    mark: p.mark === undefined ? null : p.mark,
    journalMark: p.journal === undefined ? null : p.journal,
    taskScores: [],
    row,
  };
}

export function group(
  school: string,
  login: string | null,
  procedure: Procedure,
  pupils: PupilSpec[],
  maxScore: number | null = 20,
): PupilGroup {
  return { school, login, procedure, maxScore, taskMax: [], pupils: pupils.map((p, i) => pupil(p, i + 1)) };
}

/** Pupils with these scores and nothing else. */
export const scores = (list: number[]): PupilSpec[] => list.map((score) => ({ score }));
