/** `params`, `presets` and `validate`: the scenario format, without running the model. */
import { PRESETS, presetScenario, presetSource } from '../model/presets.ts';
import { CURRENT_VERSION, REGISTRY, TEXT_REGISTRY } from '../model/registry/index.ts';
import { CliError, FORMAT_OPTION, SCENARIO_HELP, SCENARIO_OPTIONS, formatOf, type Command } from './args.ts';
import { checkScenario } from './input.ts';
import { objectsToCsv, toJson } from './output.ts';

interface ParamRow {
  key: string;
  type: 'number' | 'date' | 'text';
  group: string;
  label: string;
  unit: string;
  default: number | string;
  /** A number's range, or a date's first and last day (YYYY-MM-DD). */
  min: number | string | null;
  max: number | string | null;
  step: number | null;
  integer: boolean | null;
  maxLength: number | null;
  derived: string | null;
  description: string;
  source: string;
}

const PARAM_COLUMNS = [
  'key',
  'type',
  'group',
  'label',
  'unit',
  'default',
  'min',
  'max',
  'step',
  'integer',
  'maxLength',
  'derived',
  'description',
  'source',
] as const satisfies readonly (keyof ParamRow)[];

export function paramRows(): ParamRow[] {
  const [startDate, ...about] = TEXT_REGISTRY;
  const text = (t: (typeof TEXT_REGISTRY)[number]): ParamRow => ({
    key: t.key,
    type: t.kind,
    group: t.group,
    label: t.label,
    unit: '',
    default: t.default,
    min: t.min ?? null,
    max: t.max ?? null,
    step: null,
    integer: null,
    maxLength: t.maxLength,
    derived: null,
    description: t.description,
    source: t.source,
  });
  return [
    text(startDate),
    ...REGISTRY.map((p): ParamRow => ({
      key: p.key,
      type: 'number',
      group: p.group,
      label: p.label,
      unit: p.unit,
      default: p.default,
      min: p.min,
      max: p.max,
      step: p.step,
      integer: p.integer,
      maxLength: null,
      derived: p.derived ?? null,
      description: p.description,
      source: p.source,
    })),
    ...about.map(text),
  ];
}

export const paramsCommand: Command = {
  name: 'params',
  summary: 'the parameter registry: every scenario key',
  help: `Usage: hashpivot params [--format json|csv]

Prints every key a scenario may hold, with its group, label, unit, default, allowed range
(min, max, integer), and the public source of its default. A scenario file is
{"version": ${CURRENT_VERSION}, ...} with any of these keys; a missing key takes its default (the
version-${CURRENT_VERSION} default shown here), and a key with "derived" set is computed from others
when missing. A file of an older version is still read: it is migrated and keeps its results
(the older version's defaults are written in; what the migration drops is said on stderr).`,
  options: { ...FORMAT_OPTION },
  maxPositionals: 0,
  run({ values, io }) {
    const rows = paramRows();
    io.stdout(formatOf(values) === 'csv' ? objectsToCsv(PARAM_COLUMNS, rows) : toJson(rows));
  },
};

export const presetsCommand: Command = {
  name: 'presets',
  summary: 'the named presets',
  help: `Usage: hashpivot presets [--format json|csv]

Prints each preset: its name, title, one-line description, kind ("example" or "deal"), source
(its public references) and scenario (the scenario file it starts from, with its version); a deal
adds announcedValueUsd. The CSV holds name, title, description, kind and source. Start any
scenario command from one with --preset NAME.`,
  options: { ...FORMAT_OPTION },
  maxPositionals: 0,
  run({ values, io }) {
    const rows = PRESETS.map((p) => ({
      name: p.name,
      title: p.title,
      description: p.description,
      kind: p.kind,
      source: presetSource(p),
      scenario: presetScenario(p),
      ...(p.announcedValueUsd === undefined ? {} : { announcedValueUsd: p.announcedValueUsd }),
    }));
    io.stdout(formatOf(values) === 'csv' ? objectsToCsv(['name', 'title', 'description', 'kind', 'source'], rows) : toJson(rows));
  },
};

export const validateCommand: Command = {
  name: 'validate',
  summary: 'check a scenario',
  help: `Usage: hashpivot validate <scenario> [--preset NAME] [--set KEY=VALUE]...

Prints {"ok":true} when the scenario is valid. Otherwise prints {"ok":false,"problems":[...]}
on stdout and every problem on stderr, one a line, each naming its key; the exit code is 2.

${SCENARIO_HELP}`,
  options: { ...SCENARIO_OPTIONS },
  maxPositionals: 1,
  async run(ctx) {
    const checked = await checkScenario(ctx);
    if (!checked.ok) {
      throw new CliError(
        checked.problems.map((p) => p.message),
        toJson({ ok: false, problems: checked.problems }),
      );
    }
    ctx.io.stdout(toJson({ ok: true }));
  },
};
