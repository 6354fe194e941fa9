import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { toBuffer } from 'bwip-js/node';

const run = promisify(execFile);

export const ffmpegPath = process.env.FFMPEG_PATH ?? 'ffmpeg';
const boldFont = '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf';

/** The frame Chromium's fake camera shows: a card on a dark desk, its barcode large. */
export const frameSize = { width: 1280, height: 720 };

export interface DniCardOptions {
  /**
   * Latin-1 bytes in the symbol (as on the cards), instead of bwip-js's default UTF-8: the reader
   * must give back the same text either way.
   */
  latin1?: boolean;
}

/** A PNG of the PDF417 alone, sharp-edged, with its quiet zone. */
export function dniBarcodePng(payload: string, options: DniCardOptions = {}): Promise<Buffer> {
  return toBuffer({
    bcid: 'pdf417',
    text: payload,
    binarytext: options.latin1 ?? false,
    scaleX: 3,
    scaleY: 3,
    paddingwidth: 10,
    paddingheight: 10,
    backgroundcolor: 'FFFFFF',
  });
}

/** Writes a PNG of a DNI-like card carrying `payload` in a PDF417; returns its path. */
export async function writeDniCardPng(
  payload: string,
  dir: string,
  options: DniCardOptions = {},
): Promise<string> {
  const barcodePath = path.join(dir, 'dni-barcode.png');
  const cardPath = path.join(dir, 'dni-card.png');
  await writeFile(barcodePath, await dniBarcodePng(payload, options));
  const { width, height } = frameSize;
  // 85.6 × 54 mm, filling about the scanner's guide frame.
  const card = { w: 920, h: 580, x: (width - 920) / 2, y: (height - 580) / 2 };
  const text = (value: string, y: number, size: number) =>
    `drawtext=fontfile=${boldFont}:text='${value}':x=${card.x + 40}:y=${y}:fontsize=${size}:fontcolor=0x1e3a5f`;
  const filter = [
    [
      `[0]drawbox=x=${card.x}:y=${card.y}:w=${card.w}:h=${card.h}:color=0xf1f5f9:t=fill`,
      `drawbox=x=${card.x}:y=${card.y}:w=${card.w}:h=70:color=0x9cc3e6:t=fill`,
      text('REPÚBLICA ARGENTINA - MERCOSUR', card.y + 18, 30),
      `${text('DOCUMENTO NACIONAL DE IDENTIDAD', card.y + 90, 26)}[card]`,
    ].join(','),
    `[1]scale=w=${card.w - 60}:h=${card.h - 180}:force_original_aspect_ratio=decrease:flags=neighbor[code]`,
    `[card][code]overlay=x=(W-w)/2:y=${card.y + 150}`,
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
    cardPath,
  ]);
  return cardPath;
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

/** The card PNG and the fake-camera video of it, both under `dir`. */
export async function writeDniCamera(
  payload: string,
  dir: string,
  options: DniCardOptions = {},
): Promise<{ png: string; y4m: string }> {
  const png = await writeDniCardPng(payload, dir, options);
  const y4m = await pngToY4m(png, path.join(dir, 'dni-card.y4m'));
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
