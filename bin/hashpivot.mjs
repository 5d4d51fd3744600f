#!/usr/bin/env node
// The hashpivot command line. Node 20 runs no TypeScript: this runs the compiled CLI
// (build/node, made by `npm run build:node`). Errors exit 2 with a message, never a stack trace.
let main;
try {
  ({ main } = await import('../build/node/src/cli/main.js'));
} catch (error) {
  process.stderr.write(
    `hashpivot: cannot load the compiled CLI (build/node/src/cli/main.js): ${String(error?.message ?? error).split('\n')[0]}\n` +
      'hashpivot: run `npm run build:node` (or `npm ci`, which builds it) first\n',
  );
  process.exit(2);
}
// A reader that stops early (`| head`) closes the pipe: stop quietly, as Unix tools do.
process.stdout.on('error', (error) => {
  if (error?.code !== 'EPIPE') process.stderr.write(`hashpivot: stdout: ${String(error?.message ?? error).split('\n')[0]}\n`);
  process.exit(error?.code === 'EPIPE' ? (process.exitCode ?? 0) : 2);
});
try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`hashpivot: ${String(error?.message ?? error).split('\n')[0]}\n`);
  process.exitCode = 2;
}
