#!/usr/bin/env node
// Draws the app icons (static/icons/*.png) from the favicon's design (static/favicon.svg: a
// dark tile, an orange rising line, a cyan dot) with no dependency: shapes are sampled 4×4 per
// pixel and written by the small PNG encoder below (Node's zlib for the deflate stream).
//
//   node scripts/make-icons.mjs
//
// "any" icons keep the favicon's rounded tile on a transparent ground; "maskable" ones fill the
// whole square with the tile colour and keep the drawing inside the central safe zone (a circle of
// 40 % of the size around the centre), so any mask shape the platform applies crops only ground.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'static', 'icons');

const TILE = [0x1d, 0x24, 0x33];
const LINE = [0xf7, 0x93, 0x1a];
const DOT = [0x6f, 0xd3, 0xff];
// The favicon's geometry, in its 32-unit viewBox.
const POINTS = [
  [7, 22],
  [13, 14],
  [18, 18],
  [25, 8],
];
const STROKE = 3;
const DOT_AT = [25, 8];
const DOT_R = 2.5;
const RADIUS = 6;

function segmentDistance(px, py, [ax, ay], [bx, by]) {
  const dx = bx - ax,
    dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function inRoundedSquare(x, y) {
  const cx = Math.min(Math.max(x, RADIUS), 32 - RADIUS),
    cy = Math.min(Math.max(y, RADIUS), 32 - RADIUS);
  return x >= 0 && x <= 32 && y >= 0 && y <= 32 && Math.hypot(x - cx, y - cy) <= RADIUS;
}

/** RGBA pixels of one icon. */
function draw(size, maskable) {
  const scale = maskable ? (size * 0.62) / 32 : size / 32;
  const offset = maskable ? size * 0.19 : 0;
  const px = new Uint8Array(size * size * 4);
  const S = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const u = (x + (sx + 0.5) / S - offset) / scale;
          const v = (y + (sy + 0.5) / S - offset) / scale;
          let c = null;
          if (maskable || inRoundedSquare(u, v)) c = TILE;
          let d = Infinity;
          for (let i = 0; i + 1 < POINTS.length; i++) d = Math.min(d, segmentDistance(u, v, POINTS[i], POINTS[i + 1]));
          if (d <= STROKE / 2) c = LINE;
          if (Math.hypot(u - DOT_AT[0], v - DOT_AT[1]) <= DOT_R) c = DOT;
          if (c) {
            r += c[0];
            g += c[1];
            b += c[2];
            a += 1;
          }
        }
      }
      const i = (y * size + x) * 4;
      if (a > 0) {
        px[i] = Math.round(r / a);
        px[i + 1] = Math.round(g / a);
        px[i + 2] = Math.round(b / a);
      }
      px[i + 3] = Math.round((255 * a) / (S * S));
    }
  }
  return px;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** A PNG of 8-bit RGBA pixels: IHDR, one IDAT (filter 0 on every row), IEND. */
export function encodePng(width, height, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA, deflate, no filter set, no interlace
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) Buffer.from(rgba.buffer, y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const ICONS = [
  ['icon-192.png', 192, false],
  ['icon-512.png', 512, false],
  ['maskable-192.png', 192, true],
  ['maskable-512.png', 512, true],
  // iOS draws no transparency and rounds the corners itself: the full-bleed tile.
  ['apple-touch-icon-180.png', 180, true],
];

for (const [name, size, maskable] of ICONS) {
  writeFileSync(join(OUT, name), encodePng(size, size, draw(size, maskable)));
  console.log(`static/icons/${name}`);
}
