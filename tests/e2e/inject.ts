/**
 * Bundled by the browser test and run in the page before any of its scripts:
 * an in-memory Excel in place of office.js, holding the grid the test hands over.
 */
import { FakeExcel } from "../fakes/excel";

interface Setup {
  sheet: string;
  values: unknown[][];
  merges: { top: number; left: number; bottom: number; right: number }[];
}

declare global {
  interface Window {
    __fakeExcel: FakeExcel;
    __setupFakeExcel: (setup: Setup) => void;
  }
}

window.__setupFakeExcel = (setup: Setup) => {
  const fake = new FakeExcel();
  const sheet = fake.addSheet(setup.sheet, setup.values);
  sheet.merges = setup.merges.map((m) => ({ row: m.top, column: m.left, rows: m.bottom - m.top + 1, columns: m.right - m.left + 1 }));
  fake.activate(setup.sheet);
  fake.install(window as unknown as Record<string, unknown>);
  // The shared runtime also loads the custom functions bundle; it needs these globals.
  class CustomFunctionsError extends Error {}
  Object.assign(window, {
    CustomFunctions: {
      associate: () => undefined,
      Error: CustomFunctionsError,
      ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" },
    },
  });
  window.__fakeExcel = fake;
};
