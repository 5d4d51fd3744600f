/** The explorer's downloads: a figure as SVG or PNG, and what to say when a download fails. */
import { pngBlob, saveFile, type Figure } from '../charts/export.ts';

/** The figure as `name`.svg. */
export function saveSvg(figure: Figure, name: string): void {
  saveFile(figure.svg, `${name}.svg`, 'image/svg+xml');
}

/** The figure as a PNG at `scale` times its size, `name`@2x.png at 2 (for print). */
export async function savePng(figure: Figure, name: string, scale = 2): Promise<void> {
  saveFile(await pngBlob(figure, scale), `${name}@${scale}x.png`);
}

/** Runs a download: '' when it worked, else the message to show in its place. */
export async function downloadProblem(task: () => void | Promise<void>): Promise<string> {
  try {
    await task();
    return '';
  } catch (error) {
    return `The download failed: ${error instanceof Error ? error.message : String(error)}`;
  }
}
