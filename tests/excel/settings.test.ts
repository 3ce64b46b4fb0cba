/** Settings live in the workbook: the next person (another host on the same file) gets the same answer. */
import { DEFAULT_SETTINGS } from "../../src/core";
import { SETTINGS_NAMESPACE, StoredSettings } from "../../src/excel";
import { wideGrid } from "../fixtures/layouts";
import { SEED_003 } from "../fixtures/seeds";
import { fakeWith, hostFor } from "./helpers";

it("saves settings in one custom XML part and loads them in another session", async () => {
  const { fake, host } = fakeWith(wideGrid(SEED_003));
  expect(await host.loadSettings()).toBeNull();
  const stored: StoredSettings = {
    settings: { ...DEFAULT_SETTINGS, threshold: 25, criterion2: "same" },
    overrides: { "Приложение 1": [{ column: 0, as: "ignore" }] },
    source: "sheet",
    statusFormulas: false,
  };
  await host.saveSettings(stored);
  await host.saveSettings({ ...stored, settings: { ...stored.settings, threshold: 20 } });
  expect(fake.workbook.xmlParts.map((p) => p.namespaceUri)).toEqual([SETTINGS_NAMESPACE]);
  const nextPerson = hostFor(fake);
  expect(await nextPerson.loadSettings()).toEqual({ ...stored, settings: { ...stored.settings, threshold: 20 } });
});
