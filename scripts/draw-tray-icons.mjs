// Draws the tray icons (build/tray/*.png) from the app icon's artwork (build/icon.svg): a navy rounded
// square with a white ring and an amber cross, and a "calls waiting" variant with a red dot. Plain
// zlib-written PNGs, so no image tooling is needed. Usage: node scripts/draw-tray-icons.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';

const root = new URL('..', import.meta.url).pathname;
const SAMPLES = 8; // per axis, for anti-aliased edges

const NAVY = [0x1f, 0x3a, 0x5f];
const WHITE = [0xf2, 0xf5, 0xf9];
const AMBER = [0xf2, 0xb2, 0x33];
const RED = [0xd9, 0x3b, 0x3b];

/** The colour at (x, y) in the 64×64 artwork space, or null for transparent. */
function artwork(x, y, pending) {
  const dist = (cx, cy) => Math.hypot(x - cx, y - cy);
  if (pending) {
    if (dist(50, 14) <= 11) return RED;
    if (dist(50, 14) <= 15) return null; // a clear gap around the dot keeps it readable
  }
  const inRounded = (x0, y0, w, h, r) => {
    const cx = Math.min(Math.max(x, x0 + r), x0 + w - r);
    const cy = Math.min(Math.max(y, y0 + r), y0 + h - r);
    return Math.hypot(x - cx, y - cy) <= r && x >= x0 && x <= x0 + w && y >= y0 && y <= y0 + h;
  };
  if (!inRounded(2, 2, 60, 60, 14)) return null;
  if (dist(32, 32) <= 8) return AMBER;
  if (inRounded(28, 9, 8, 46, 4) || inRounded(9, 28, 46, 8, 4)) return AMBER;
  const ring = dist(32, 32);
  if (ring >= 16 && ring <= 23) return WHITE;
  return NAVY;
}

function render(size, pending) {
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++)
    for (let px = 0; px < size; px++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < SAMPLES; sy++)
        for (let sx = 0; sx < SAMPLES; sx++) {
          const colour = artwork(
            ((px + (sx + 0.5) / SAMPLES) * 64) / size,
            ((py + (sy + 0.5) / SAMPLES) * 64) / size,
            pending,
          );
          if (colour === null) continue;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          a += 1;
        }
      const o = (py * size + px) * 4;
      if (a > 0) {
        rgba[o] = Math.round(r / a);
        rgba[o + 1] = Math.round(g / a);
        rgba[o + 2] = Math.round(b / a);
      }
      rgba[o + 3] = Math.round((255 * a) / (SAMPLES * SAMPLES));
    }
  return png(size, rgba);
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const out = join(root, 'build', 'tray');
mkdirSync(out, { recursive: true });
for (const [name, pending] of [
  ['tray', false],
  ['tray-pending', true],
])
  for (const [suffix, size] of [
    ['', 16],
    ['@2x', 32],
  ])
    writeFileSync(join(out, `${name}${suffix}.png`), render(size, pending));
process.stdout.write(`Tray icons written to ${out}\n`);
