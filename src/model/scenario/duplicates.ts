/**
 * Keys a JSON object gives more than once. JSON.parse keeps the last of them without a word, so a
 * scenario file that sets a key twice would silently lose the first value: each such key is a
 * problem. Found with jsonc-parser's scanner (its tokens, their values and lines), on the
 * top-level object only (a scenario's values are never objects).
 */
import { createScanner, type JSONScanner } from 'jsonc-parser';
import { isPlainObject, showKey } from './messages.ts';
import type { Problem } from './types.ts';

/** The scanner's token kinds used here (jsonc-parser's SyntaxKind, a const enum in its types). */
const T = { openBrace: 1, closeBrace: 2, openBracket: 3, closeBracket: 4, comma: 5, string: 10, eof: 17 } as const;

/** Calls `onKey` with the scanner on each key of the top-level object of JSON text; returns how many. */
function eachTopLevelKey(text: string, onKey?: (scanner: JSONScanner) => void): number {
  const scanner = createScanner(text, true);
  let count = 0;
  let depth = 0;
  // Whether the next string at depth 1 is a key: after the opening brace or a comma.
  let keyNext = false;
  for (let token: number = scanner.scan(); token !== T.eof; token = scanner.scan()) {
    switch (token) {
      case T.openBrace:
      case T.openBracket:
        depth++;
        keyNext = depth === 1 && token === T.openBrace;
        break;
      case T.closeBrace:
      case T.closeBracket:
        depth--;
        break;
      case T.comma:
        keyNext = depth === 1;
        break;
      case T.string:
        if (keyNext) {
          count++;
          onKey?.(scanner);
        }
        keyNext = false;
        break;
      default:
        keyNext = false;
    }
  }
  return count;
}

/**
 * The keys of the top-level object of JSON text that appear more than once, one problem each
 * naming the key and the lines it is on (the first three). `raw` is what JSON.parse made of the
 * text; text that is not a JSON object has none.
 */
export function duplicateKeys(text: string, raw: unknown): Problem[] {
  if (!isPlainObject(raw)) return [];
  // As many keys written as the object has: none repeated (one quick pass, no key kept).
  if (eachTopLevelKey(text) <= Object.keys(raw).length) return [];
  // Each key's first line; the lines of a key given more than once.
  const firstLine = new Map<string, number>();
  const lines = new Map<string, number[]>();
  eachTopLevelKey(text, (scanner) => {
    const key = scanner.getTokenValue();
    const line = scanner.getTokenStartLine() + 1;
    const first = firstLine.get(key);
    if (first === undefined) firstLine.set(key, line);
    else if (lines.has(key)) lines.get(key)?.push(line);
    else lines.set(key, [first, line]);
  });
  const problems: Problem[] = [];
  for (const [key, at] of lines) {
    const where = at.length === 2 ? `lines ${at[0]} and ${at[1]}` : `lines ${at.slice(0, 3).join(', ')}${at.length > 3 ? ', …' : ''}`;
    problems.push({
      key,
      message: `${showKey(key)}: given ${at.length} times in the file (${where}); JSON keeps only the last, so give it once`,
    });
  }
  return problems;
}
