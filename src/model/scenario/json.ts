/** Scenario JSON text: parsed into a value or one problem naming where it broke, never a throw. */
import { CURRENT_VERSION } from '../registry/index.ts';
import type { Problem, ValidationResult } from './types.ts';
import { validateScenario } from './validate.ts';

const ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Line and column (1-based) of a character offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** Parses JSON text (a leading BOM is ignored); malformed JSON is one problem, never a throw. */
export function parseJsonText(text: string): { ok: true; raw: unknown } | { ok: false; problems: Problem[] } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') {
    return {
      ok: false,
      problems: [{ key: 'scenario', message: `scenario: empty input; expected a JSON object such as {"version": ${CURRENT_VERSION}}` }],
    };
  }
  try {
    return { ok: true, raw: JSON.parse(body) };
  } catch (e) {
    // The parser's message quotes the text around the fault as it is: its line breaks and other
    // control characters are escaped, so the problem stays one line.
    const detail = (e instanceof Error ? e.message : String(e)).replace(
      // eslint-disable-next-line no-control-regex -- control characters are what it matches
      /[\u0000-\u001f\u007f\u2028\u2029]/g,
      (c) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
    const at = /at position (\d+)/.exec(detail);
    let where = '';
    if (at) {
      const { line, column } = lineColumn(body, Number(at[1]));
      where = ` (line ${line}, column ${column})`;
    }
    return { ok: false, problems: [{ key: 'scenario', message: `scenario: malformed JSON: ${detail}${where}` }] };
  }
}

/** Parses and validates scenario JSON text. */
export function parseScenarioText(text: string): ValidationResult {
  const parsed = parseJsonText(text);
  return parsed.ok ? validateScenario(parsed.raw) : parsed;
}
