/**
 * The command line, a public contract (README): `hashpivot <command> [arguments]`. Results go
 * to stdout as JSON (or CSV with --format csv); problems go to stderr, one a line, naming the key
 * or argument, with exit code 2 and never a stack trace.
 */
import { readFileSync } from 'node:fs';
import { CliError, parseCommandArgs, type Command, type Io } from './args.ts';
import { bestCommand } from './best.ts';
import { difficultyCommand, retargetCommand, subsidyCommand } from './consensus.ts';
import { evaluateCommand, projectCommand } from './model.ts';
import { paramsCommand, presetsCommand, validateCommand } from './scenario.ts';
import { sweepCommand } from './sweep.ts';

export const COMMANDS: readonly Command[] = [
  subsidyCommand,
  retargetCommand,
  difficultyCommand,
  paramsCommand,
  validateCommand,
  projectCommand,
  evaluateCommand,
  sweepCommand,
  bestCommand,
  presetsCommand,
];

export function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `Usage: hashpivot <command> [arguments]

Should a Bitcoin miner pivot its megawatts to AI/HPC hosting? Exact consensus math and pivot
economics.

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Run \`hashpivot <command> --help\` for a command's arguments.
`;
}

export function processIo(): Io {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    stdin: async () => readFileSync(0, 'utf8'),
    stdoutDrained: (text) =>
      new Promise<void>((resolve) => {
        if (process.stdout.write(text)) resolve();
        else process.stdout.once('drain', () => resolve());
      }),
    stderrIsTTY: process.stderr.isTTY === true,
  };
}

/**
 * Runs one command line (the arguments after `hashpivot`); resolves to the exit code (0 or 2).
 * Never throws. bin/hashpivot.mjs calls it with the process's streams; tests call it in process
 * with buffers.
 */
export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr(usage());
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    io.stdout(topic ? `${topic.help}\n` : usage());
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr(`hashpivot: unknown command ${JSON.stringify(name)}; commands: ${COMMANDS.map((c) => c.name).join(', ')}\n`);
    return 2;
  }
  try {
    const { values, positionals, notices } = parseCommandArgs(command, [...rest]);
    for (const notice of notices) io.stderr(`${notice}\n`);
    if (values.help) {
      io.stdout(`${command.help}\n`);
      return 0;
    }
    await command.run({ values, positionals, io });
    return 0;
  } catch (e) {
    if (e instanceof CliError) {
      if (e.stdout !== undefined) io.stdout(e.stdout);
      // One problem a line, whatever a message holds: a line break inside one becomes a space.
      io.stderr(e.lines.map((line) => `${line.replace(/\r\n|[\r\n\u2028\u2029]/g, ' ')}\n`).join(''));
    } else {
      // A failure inside the kernel or the runtime: its message, never its stack.
      const message = e instanceof Error ? e.message : String(e);
      io.stderr(`hashpivot ${command.name}: ${message.split('\n')[0]}\n`);
    }
    return 2;
  }
}
