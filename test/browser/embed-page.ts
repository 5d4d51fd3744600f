/** Helpers of the embed's browser tests: its frame in a host page, and its text boxes measured. */
import type { Frame, Page } from 'playwright-core';

/** The embed's frame (from `origin`) in a host page. */
export function embedFrame(page: Page, origin: string): Frame {
  const frame = page.frames().find((f) => f.url().startsWith(origin) && f.url().includes('embed=1'));
  if (!frame)
    throw new Error(
      `no embed frame among ${page
        .frames()
        .map((f) => f.url())
        .join(', ')}`,
    );
  return frame;
}

/**
 * Every text box of the embed (each SVG text, each line of HTML text) in the frame's own pixels:
 * none may overlap another or leave the frame, as the explorer's axis label test measures them.
 */
export async function textProblems(frame: Frame): Promise<{ problems: string[]; count: number; scroll: number; width: number }> {
  return frame.evaluate(() => {
    const boxes: { text: string; box: DOMRect }[] = [];
    const root = document.querySelector('[data-testid="embed"]')!;
    for (const t of root.querySelectorAll('svg text')) boxes.push({ text: t.textContent ?? '', box: t.getBoundingClientRect() });
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement!;
      if (node.textContent!.trim() === '' || parent.closest('svg, .visually-hidden')) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const box of range.getClientRects()) if (box.width > 0) boxes.push({ text: node.textContent!.trim().slice(0, 30), box });
    }
    const width = document.documentElement.clientWidth;
    const problems: string[] = [];
    for (const { text, box } of boxes) if (box.left < -0.5 || box.right > width + 0.5) problems.push(`"${text}" leaves the frame`);
    for (let a = 0; a < boxes.length; a++) {
      for (let b = a + 1; b < boxes.length; b++) {
        const [p, q] = [boxes[a]!.box, boxes[b]!.box];
        if (p.left < q.right - 0.5 && q.left < p.right - 0.5 && p.top < q.bottom - 0.5 && q.top < p.bottom - 0.5) {
          problems.push(`"${boxes[a]!.text}" overlaps "${boxes[b]!.text}"`);
        }
      }
    }
    return { problems, count: boxes.length, scroll: document.documentElement.scrollWidth, width };
  });
}
