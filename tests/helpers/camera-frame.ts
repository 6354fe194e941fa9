import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const ffmpegPath = process.env.FFMPEG_PATH ?? 'ffmpeg';
const boldFont = '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf';

/** The frame Chromium's fake camera shows. */
export const frameSize = { width: 1280, height: 720 };

/** A document held up to the camera: a sheet on a dark desk, a few lines, its barcode large. */
export interface Sheet {
  width: number;
  height: number;
  /** Hex colours, as 0xRRGGBB. */
  paper: string;
  band: string;
  lines: { text: string; size: number }[];
  /** Where the barcode starts, from the sheet's top. */
  barcodeTop: number;
}

/** Draws `sheet` centred in a camera frame with `barcodePng` on it; writes the PNG to `outPath`. */
export async function writeSheetPng(
  sheet: Sheet,
  barcodePng: Buffer,
  outPath: string,
): Promise<string> {
  const barcodePath = `${outPath}.barcode.png`;
  await writeFile(barcodePath, barcodePng);
  const { width, height } = frameSize;
  const x = (width - sheet.width) / 2;
  const y = (height - sheet.height) / 2;
  let lineTop = y + 18;
  const lines = sheet.lines.map(({ text, size }, index) => {
    const drawn = `drawtext=fontfile=${boldFont}:text='${text}':x=${x + 40}:y=${lineTop}:fontsize=${size}:fontcolor=0x1e3a5f`;
    lineTop += index === 0 ? 72 : size + 14;
    return drawn;
  });
  const filter = [
    [
      `[0]drawbox=x=${x}:y=${y}:w=${sheet.width}:h=${sheet.height}:color=${sheet.paper}:t=fill`,
      `drawbox=x=${x}:y=${y}:w=${sheet.width}:h=70:color=${sheet.band}:t=fill`,
      `${lines.join(',')}[sheet]`,
    ].join(','),
    `[1]scale=w=${sheet.width - 60}:h=${sheet.height - sheet.barcodeTop - 30}:force_original_aspect_ratio=decrease:flags=neighbor[code]`,
    `[sheet][code]overlay=x=(W-w)/2:y=${y + sheet.barcodeTop}`,
  ].join(';');
  await run(ffmpegPath, [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `color=c=0x3f4753:s=${width}x${height}`,
    '-i',
    barcodePath,
    '-filter_complex',
    filter,
    '-frames:v',
    '1',
    outPath,
  ]);
  return outPath;
}

/** Converts a still into a short looping .y4m for `--use-file-for-fake-video-capture`. */
export async function pngToY4m(pngPath: string, y4mPath: string): Promise<string> {
  const { width, height } = frameSize;
  await run(ffmpegPath, [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-loop',
    '1',
    '-i',
    pngPath,
    '-t',
    '1',
    '-r',
    '10',
    '-vf',
    `scale=${width}:${height}`,
    '-pix_fmt',
    'yuv420p',
    y4mPath,
  ]);
  return y4mPath;
}

/** The still and the fake-camera video of it, both under `dir`, named after `name`. */
export async function writeCamera(
  sheet: Sheet,
  barcodePng: Buffer,
  dir: string,
  name: string,
): Promise<{ png: string; y4m: string }> {
  const png = await writeSheetPng(sheet, barcodePng, path.join(dir, `${name}.png`));
  const y4m = await pngToY4m(png, path.join(dir, `${name}.y4m`));
  return { png, y4m };
}

/** Chromium switches that make the fake camera play `y4mPath` and grant access without asking. */
export function fakeCameraArgs(y4mPath: string): string[] {
  return [
    '--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream',
    `--use-file-for-fake-video-capture=${y4mPath}`,
  ];
}
