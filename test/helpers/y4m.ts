/**
 * A tiny Y4M (YUV4MPEG2, 4:2:0) writer for Chromium's fake camera
 * (`--use-file-for-fake-video-capture=<file>.y4m`), and a QR code drawn into the luma plane with the
 * `qrcode` package — so a browser test can hold a member's real check-in QR code up to the camera
 * without ffmpeg.
 */
import { writeFileSync } from 'node:fs';
import QRCode from 'qrcode';

/** A grey image (luma only; chroma stays neutral) with `text`'s QR code in the middle, black on white. */
export function qrLuma(text: string, width: number, height: number): Uint8Array {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const quiet = 4;
  const cells = modules.size + quiet * 2;
  const scale = Math.floor((Math.min(width, height) * 0.8) / cells);
  const left = Math.floor((width - cells * scale) / 2);
  const top = Math.floor((height - cells * scale) / 2);
  const y = new Uint8Array(width * height).fill(200);
  for (let row = 0; row < cells * scale; row++) {
    for (let col = 0; col < cells * scale; col++) {
      const r = Math.floor(row / scale) - quiet;
      const c = Math.floor(col / scale) - quiet;
      const dark = r >= 0 && c >= 0 && r < modules.size && c < modules.size && modules.get(r, c) === 1;
      y[(top + row) * width + left + col] = dark ? 16 : 235;
    }
  }
  return y;
}

/** Writes `frames` copies of the luma image as a 4:2:0 Y4M file (Chromium loops it). */
export function writeY4m(path: string, width: number, height: number, luma: Uint8Array, frames = 5): void {
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`, 'ascii');
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n', 'ascii'), Buffer.from(luma), chroma]);
  writeFileSync(path, Buffer.concat([header, ...Array.from({ length: frames }, () => frame)]));
}
