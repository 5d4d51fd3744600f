/**
 * The command line in process: src/cli/main.ts's main() with buffers for stdout and stderr, and
 * `input` as what a scenario of `-` reads. The same exit code and text as bin/hashpivot.mjs,
 * without starting Node or needing the compiled build.
 */
import { main } from '../../src/cli/main.ts';

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export async function runCli(args: string[], input?: string): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const status = await main(args, {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    stdin: async () => input ?? '',
  });
  return { status, stdout, stderr };
}
