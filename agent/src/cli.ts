#!/usr/bin/env node
// ontrackio-agent: wiring only (commands/ do the work).
import { parseArgs } from 'node:util';
import { createContext, UsageError } from './context.ts';
import { AgentApiError } from './client/api.ts';
import { DeviceRevokedError, EXIT_REVOKED } from './reporting.ts';
import { AGENT_VERSION } from './version.ts';
// Commands are loaded on demand: the daemon (`run`) must not pay for what only `pair` needs (zod, undici).

const HELP = `ontrackio-agent ${AGENT_VERSION}: the OnTrackio endpoint agent

Usage:
  ontrackio-agent configure --workspace <url>   set the workspace address (done by IT at install)
  ontrackio-agent pair                          pair with your account (opens your browser)
  ontrackio-agent pair --code OT-XXXXXX         pair with a code from My device (--pair-code; prompts if no code)
  ontrackio-agent status                        workspace, paired user, device, last and next report
  ontrackio-agent run                           run in the background: heartbeat and nightly inventory
  ontrackio-agent report --now                  collect and send an inventory report now
  ontrackio-agent unpair                        forget this computer's pairing

Options: --workspace <url> (or ONTRACKIO_WORKSPACE_URL), --no-browser, --version, --help
         run: --heartbeat-seconds <n> (default 300), --once (one heartbeat + queue flush, then exit)`;

/** `pair --code` with no value (or followed by another option) means "prompt for the code". */
function normalizeArgv(argv: string[]): string[] {
  return argv.map((arg, i) =>
    (arg === '--code' || arg === '--pair-code') && (i === argv.length - 1 || argv[i + 1].startsWith('-'))
      ? `${arg}=`
      : arg
  );
}

async function main(rawArgv: string[]): Promise<number> {
  const argv = normalizeArgv(rawArgv);
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        workspace: { type: 'string' },
        code: { type: 'string' },
        'pair-code': { type: 'string' },
        now: { type: 'boolean' },
        'no-browser': { type: 'boolean' },
        'heartbeat-seconds': { type: 'string' },
        once: { type: 'boolean' },
        version: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' }
      }
    });
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${HELP}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.version) {
    process.stdout.write(`${AGENT_VERSION}\n`);
    return 0;
  }
  const command = positionals[0];
  if (values.help || !command) {
    process.stdout.write(`${HELP}\n`);
    return command ? 0 : 1;
  }
  const ctx = createContext({ workspace: values.workspace });
  try {
    switch (command) {
      case 'configure':
        (await import('./commands/configure.ts')).configure(ctx, values.workspace ?? positionals[1]);
        return 0;
      case 'pair': {
        // `--pair-code` with no value is not expressible with parseArgs strings; "pair --code" alone prompts.
        const code = values.code ?? values['pair-code'];
        const manual = code !== undefined || argv.includes('--code') || argv.includes('--pair-code');
        const { pairAutomatically, pairWithCode } = await import('./commands/pair.ts');
        if (manual) await pairWithCode(ctx, code);
        else await pairAutomatically(ctx, { openBrowser: !values['no-browser'], promptForCode: true });
        return 0;
      }
      case 'status':
        return await (await import('./commands/status.ts')).status(ctx);
      case 'report':
        if (!values.now)
          throw new UsageError('Use "ontrackio-agent report --now" (scheduled reports are sent by "run").');
        return await (await import('./commands/report.ts')).report(ctx);
      case 'run':
        return await (
          await import('./commands/run.ts')
        ).run(ctx, {
          heartbeatMs: Math.max(5, Number(values['heartbeat-seconds'] ?? 300)) * 1000,
          maxTurns: values.once ? 1 : undefined
        });
      case 'unpair':
        return await (await import('./commands/unpair.ts')).unpair(ctx);
      default:
        throw new UsageError(`Unknown command "${command}".\n\n${HELP}`);
    }
  } catch (err) {
    // Every command that finds the pairing revoked ends here: one sentence, exit 3 (docs/agent.md).
    if (err instanceof DeviceRevokedError) {
      ctx.err(err.message);
      return EXIT_REVOKED;
    }
    if (err instanceof UsageError || err instanceof AgentApiError) {
      ctx.err(err.message);
      return err instanceof AgentApiError && err.unauthorized ? EXIT_REVOKED : 2;
    }
    throw err;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    // Unexpected: the message for a person, the stack only when asked for (ONTRACKIO_AGENT_DEBUG=1).
    const debug = process.env.ONTRACKIO_AGENT_DEBUG === '1';
    process.stderr.write(
      `ontrackio-agent: ${debug ? ((err as Error).stack ?? err) : ((err as Error).message ?? err)}\n`
    );
    process.exit(1);
  }
);
