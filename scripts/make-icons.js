"use strict";
/**
 * Draws the add-in's icons — three red bars on white over a grey baseline —
 * at the sizes the manifest names, and writes them as PNG with zlib alone.
 *   node scripts/make-icons.js        (writes assets/icon-{16,32,64,80}.png)
 */
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");
// PNG's chunk checksum is the zip's CRC-32: the one in src/io/zip.ts, compiled by `npm run build:cli`.
let crc32;
try {
  ({ crc32 } = require("../dist/io/zip.js"));
} catch {
  process.stderr.write("Ошибка: модули не собраны. Выполните в папке проекта: npm run build:cli\n");
  process.exit(2);
}

const SIZES = [16, 32, 64, 80];
const WHITE = [255, 255, 255];
const RED = [200, 32, 40];
const GREY = [96, 96, 96];
const BORDER = [210, 210, 210];

// Shapes in units of the icon's side (0..1), drawn in order; later ones cover earlier ones.
const SHAPES = [
  { x0: 0, y0: 0, x1: 1, y1: 1, color: BORDER },
  { x0: 1 / 32, y0: 1 / 32, x1: 31 / 32, y1: 31 / 32, color: WHITE },
  { x0: 0.16, y0: 0.5, x1: 0.34, y1: 0.82, color: RED },
  { x0: 0.41, y0: 0.32, x1: 0.59, y1: 0.82, color: RED },
  { x0: 0.66, y0: 0.16, x1: 0.84, y1: 0.82, color: RED },
  { x0: 0.1, y0: 0.82, x1: 0.9, y1: 0.88, color: GREY },
];

/** RGB pixels with 4×4 supersampling, so small sizes keep soft edges. */
function draw(size) {
  const pixels = Buffer.alloc(size * size * 3);
  const n = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const sum = [0, 0, 0];
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const u = (x + (sx + 0.5) / n) / size;
          const v = (y + (sy + 0.5) / n) / size;
          let color = WHITE;
          for (const s of SHAPES) if (u >= s.x0 && u < s.x1 && v >= s.y0 && v < s.y1) color = s.color;
          for (let i = 0; i < 3; i++) sum[i] += color[i];
        }
      }
      for (let i = 0; i < 3; i++) pixels[(y * size + x) * 3 + i] = Math.round(sum[i] / (n * n));
    }
  }
  return pixels;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An 8-bit RGB PNG; each scanline starts with filter type 0. */
function png(size, pixels) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB
  const raw = Buffer.alloc(size * (size * 3 + 1));
  for (let y = 0; y < size; y++) pixels.copy(raw, y * (size * 3 + 1) + 1, y * size * 3, (y + 1) * size * 3);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

if (require.main === module) {
  const dir = path.join(__dirname, "..", "assets");
  fs.mkdirSync(dir, { recursive: true });
  for (const size of SIZES) {
    const file = path.join(dir, `icon-${size}.png`);
    fs.writeFileSync(file, png(size, draw(size)));
    process.stdout.write(`${path.relative(process.cwd(), file)}\n`);
  }
}

module.exports = { png, draw, SIZES };
