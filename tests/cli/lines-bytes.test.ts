/**
 * The text report written as bytes (the command's stdout) is the text written as strings, encoded: on random
 * lines with Cyrillic, emoji, lone surrogates and lines longer than a piece, cut into parts anywhere.
 */
import fc from "fast-check";
import { writeLines, writeLinesAsBytes } from "../../src/cli/io";

async function asString(parts: string[][]): Promise<string> {
  const pieces: string[] = [];
  await writeLines(parts, (chunk) => void pieces.push(chunk));
  return pieces.join("") + "\n";
}

async function asBytes(parts: string[][]): Promise<{ bytes: Buffer; pieces: number }> {
  const pieces: Buffer[] = [];
  // A copy of each piece: the writer may not reuse a buffer it has handed on.
  await writeLinesAsBytes(parts, (chunk) => void pieces.push(Buffer.from(chunk)));
  return { bytes: Buffer.concat(pieces), pieces: pieces.length };
}

const line = fc.oneof(
  { weight: 5, arbitrary: fc.string({ unit: fc.constantFrom(..."абвЖЁ№«» az09.,—→", "🏫", "\ud800", "\udfff", "\t"), maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom("Ж".repeat(100_000), "🏫".repeat(70_000), "a".repeat(262_143)) },
);

describe("the text report as bytes", () => {
  it("is the report as strings, encoded as UTF-8 (property)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(line, { maxLength: 30 }), { maxLength: 4 }), async (parts) => {
        const { bytes } = await asBytes(parts);
        expect(bytes.equals(Buffer.from(await asString(parts), "utf8"))).toBe(true);
      }),
      { numRuns: 200, seed: 61 },
    );
  });

  it("comes in pieces of about 256 KB, not whole", async () => {
    const lines = Array.from({ length: 60_000 }, (_, i) => `  МБОУ «СОШ № ${i}»: ВПР математика 4 кл. 2024 — 7,4 → 18,3 %`);
    const { bytes, pieces } = await asBytes([lines]);
    expect(bytes.length).toBeGreaterThan(5_000_000);
    expect(pieces).toBeGreaterThanOrEqual(Math.floor(bytes.length / 262_144));
    expect(pieces).toBeLessThanOrEqual(Math.ceil((3 * bytes.length) / 262_144));
  });
});
