/**
 * Just enough PNG for golden-image tests: decodes the 8-bit, non-interlaced greyscale or RGB PNGs that
 * renderPage (test/support/tools.ts) and `pdftoppm -png` write, and compares two images with a tolerance.
 */
import { inflateSync } from 'node:zlib';
import type { GreyImage } from '../support/tools.ts';

export type { GreyImage };

export function decodeGreyPng(bytes: Uint8Array): GreyImage {
  const view = Buffer.from(bytes);
  if (view.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 1;
  const data: Buffer[] = [];
  while (offset < view.length) {
    const length = view.readUInt32BE(offset);
    const type = view.toString('latin1', offset + 4, offset + 8);
    const body = view.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      // Greyscale (0) or RGB (2), 8 bits, not interlaced.
      if (body[8] !== 8 || (body[9] !== 0 && body[9] !== 2) || body[12] !== 0) throw new Error('only 8-bit greyscale or RGB, non-interlaced PNG is supported');
      channels = body[9] === 2 ? 3 : 1;
    } else if (type === 'IDAT') data.push(body);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? out[y * stride + x - channels]! : 0;
      const b = y > 0 ? out[(y - 1) * stride + x]! : 0;
      const c = x >= channels && y > 0 ? out[(y - 1) * stride + x - channels]! : 0;
      let predictor = 0;
      if (filter === 1) predictor = a;
      else if (filter === 2) predictor = b;
      else if (filter === 3) predictor = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      out[y * stride + x] = (line[x]! + predictor) & 0xff;
    }
  }
  const pixels = new Uint8Array(width * height);
  for (let i = 0; i < pixels.length; i++) {
    let sum = 0;
    for (let k = 0; k < channels; k++) sum += out[i * channels + k]!;
    pixels[i] = Math.round(sum / channels);
  }
  return { width, height, pixels };
}

/** Share of pixels whose grey level differs by more than `level` (0–255). */
export function differingShare(a: GreyImage, b: GreyImage, level = 64): number {
  if (a.width !== b.width || a.height !== b.height) return 1;
  let count = 0;
  for (let i = 0; i < a.pixels.length; i++) if (Math.abs(a.pixels[i]! - b.pixels[i]!) > level) count++;
  return count / a.pixels.length;
}
