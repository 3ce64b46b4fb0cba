/** The fuzz suite's seed and length: fixed in `npm test`, longer under `npm run fuzz` (FUZZ_SEED, FUZZ_RUNS). */
export const SEED = Number(process.env.FUZZ_SEED ?? 20261127);
export const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
