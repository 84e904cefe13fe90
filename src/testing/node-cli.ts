/**
 * `plugipay-emulator`: the local Plugipay emulator as a command, like `stripe listen` and test
 * mode in one. It starts the emulator on 127.0.0.1, prints the environment lines to paste into
 * an app (`PLUGIPAY_BASE_URL`, `PLUGIPAY_KEY_ID`, `PLUGIPAY_SECRET`, `PLUGIPAY_WEBHOOK_SECRET`)
 * and the dashboard URL, forwards every event as a signed webhook with `--forward-to`, and
 * keeps its state across restarts with `--state` (written atomically; a damaged file stops the
 * command with a clear error instead of being replaced; locked to one emulator at a time).
 * Ctrl-C saves and stops it.
 *
 * Node-only; shipped built as `dist/cli.mjs`, so `npx plugipay-emulator` needs no build step.
 */
import { closeSync, existsSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { PlugipayClient } from '../resources/registry';
import type { EmulatorSeed, EmulatorState, KeyPair } from './emulator';
import { CredentialsFileError, DEFAULT_CREDENTIALS_FILE, loadOrCreateCredentials } from './node-cli-credentials';
import { TRIGGER_USAGE, triggerCommand, TriggerUsageError } from './node-cli-trigger';
import { startEmulatorServer, type EmulatorServer } from './node-server';

const USAGE = `Usage: plugipay-emulator [options]
       plugipay-emulator trigger <event type> [--url <url>]   (see trigger --help)

Starts the local Plugipay emulator on 127.0.0.1.

Options:
  --port <n>            port to listen on (default 4010; 0 picks a free one)
  --forward-to <url>    deliver every event, signed, to this URL (prints its whsec_ secret)
  --seed <file.json>    objects to create at start: { customers, plans, checkoutSessions, webhookEndpoints }
  --state <file.json>   keep the emulator's objects and keys in this file across restarts
                        (one emulator per file: <file.json>.lock holds its pid)
  --credentials <file>  where the dev keys and webhook secret are kept across restarts
                        (default ${DEFAULT_CREDENTIALS_FILE}; delete it for new ones)
  -h, --help            show this help
`;

/** What `--state` holds: the emulator's objects plus what must not change between runs. */
interface StateFile {
  credentials: KeyPair;
  forward?: { url: string; endpointId: string };
  emulator: EmulatorState;
}

class UsageError extends Error {}

function fail(message: string): never {
  throw new UsageError(message);
}

function readJson(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    fail(`${what} ${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    fail(`${what} ${file}: is not valid JSON (${(error as Error).message}); fix it or delete it`);
  }
}

function readState(file: string): StateFile | undefined {
  if (!existsSync(file)) return undefined;
  const value = readJson(file, '--state') as Partial<StateFile> | null;
  const credentials = value?.credentials;
  if (!value || typeof credentials?.keyId !== 'string' || typeof credentials.secret !== 'string' || typeof value.emulator !== 'object') {
    fail(`--state ${file}: is not a plugipay-emulator state file (no credentials or emulator state); fix it or delete it`);
  }
  return value as StateFile;
}

/** Write to a temporary file beside the target, then rename: a crash never leaves half a file. */
function writeAtomically(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, file);
}

/** A `--state` file's lock: a `<file>.lock` beside it holding the owner's pid. */
interface StateLock {
  release(): void;
}

function mtimeMs(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/** Whether a process with this pid is running (EPERM: it is, under another user). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Two emulators on one state file would each save their own objects over the other's every
 * second, and one of them loses its objects. The first takes `<file>.lock` (created exclusively,
 * holding its pid); a second start is refused naming that pid. A lock whose pid is no longer
 * running (a crash, a kill -9) is stale and taken over.
 */
function lockState(file: string): StateLock {
  const lock = `${file}.lock`;
  for (let attempt = 0; ; attempt++) {
    let fd: number;
    try {
      fd = openSync(lock, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        fail(`--state ${file}: cannot create the lock ${lock} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
      }
      let text = '';
      try {
        text = readFileSync(lock, 'utf8').trim();
      } catch {
        // Removed in between by its owner: try again.
      }
      const pid = /^\d+$/.test(text) ? Number(text) : undefined;
      if (pid !== undefined && isRunning(pid)) {
        fail(
          `--state ${file}: already in use by another plugipay-emulator (pid ${pid}); stop that one first, or give this one another --state file (the lock is ${lock})`,
        );
      }
      // A lock without a pid is being written by a start that is running now, unless it is old.
      if (pid === undefined && text === '' && Date.now() - mtimeMs(lock) < 5000) {
        fail(`--state ${file}: another plugipay-emulator is starting on it right now (the lock is ${lock})`);
      }
      // Stale (its process is gone): taken over. A second EEXIST means another start took it
      // in between, and the next turn names its pid.
      if (attempt >= 2) fail(`--state ${file}: the lock ${lock} keeps changing hands; is another plugipay-emulator starting?`);
      try {
        unlinkSync(lock);
      } catch {
        // Already gone.
      }
      continue;
    }
    writeSync(fd, String(process.pid));
    closeSync(fd);
    let released = false;
    return {
      release() {
        if (released) return;
        released = true;
        try {
          // Only our own lock: never one another start has taken over since.
          if (readFileSync(lock, 'utf8').trim() === String(process.pid)) unlinkSync(lock);
        } catch {
          // Already gone.
        }
      },
    };
  }
}

function parsePort(raw: string | undefined): number {
  if (raw === undefined) return 4010;
  if (!/^\d+$/.test(raw) || Number(raw) > 65535) fail(`--port ${raw}: expected a port number from 0 to 65535`);
  return Number(raw);
}

/**
 * The `--forward-to` URL. One with userinfo (`https://user:pass@host/…`) is refused: the emulator
 * prints its target on every delivery and saves it in `--state`, and a password must appear in
 * neither; the receiving app authenticates deliveries by their signature instead. No message
 * repeats a value that may hold a password (anything with an `@`).
 */
function parseForwardUrl(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const shown = raw.includes('@') ? '' : ` ${raw}`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    fail(`--forward-to${shown}: expected an absolute http(s) URL, e.g. http://127.0.0.1:3000/webhooks/plugipay`);
  }
  if (url.username !== '' || url.password !== '') {
    fail(
      `--forward-to: the URL carries a user name or password (user:pass@host), which the emulator would print and save; leave them out (deliveries are authenticated by their signature: verify it with PLUGIPAY_WEBHOOK_SECRET)`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') fail(`--forward-to${shown}: expected an http(s) URL`);
  return raw;
}

export async function main(
  argv: string[],
  out: (line: string) => void = console.log,
): Promise<{ server: EmulatorServer; stop(): Promise<void> } | undefined> {
  if (argv[0] === 'trigger') {
    await triggerCommand(argv.slice(1), out);
    return undefined;
  }
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      'forward-to': { type: 'string' },
      seed: { type: 'string' },
      state: { type: 'string' },
      credentials: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    out(USAGE);
    return undefined;
  }
  const port = parsePort(values.port);
  const forwardTo = parseForwardUrl(values['forward-to']);
  const stateFile = values.state;
  // Taken before the file is read: a second emulator never even loads what the first will overwrite.
  const lock = stateFile ? lockState(stateFile) : undefined;
  try {
    return await startCommand({ values, port, forwardTo, stateFile, lock, out });
  } catch (error) {
    lock?.release();
    throw error;
  }
}

interface CommandInput {
  values: { seed?: string | undefined; credentials?: string | undefined };
  port: number;
  forwardTo: string | undefined;
  stateFile: string | undefined;
  lock: StateLock | undefined;
  out: (line: string) => void;
}

/** Everything after the arguments are read and the state file is locked. */
async function startCommand({
  values,
  port,
  forwardTo,
  stateFile,
  lock,
  out,
}: CommandInput): Promise<{ server: EmulatorServer; stop(): Promise<void> }> {
  const saved = stateFile ? readState(stateFile) : undefined;
  const seed = values.seed && !saved ? (readJson(values.seed, '--seed') as EmulatorSeed) : undefined;
  // Stable dev credentials (node-cli-credentials.ts); a --state file keeps the keys it was started with.
  const credentialsFile = values.credentials ?? DEFAULT_CREDENTIALS_FILE;
  let dev: ReturnType<typeof loadOrCreateCredentials>;
  try {
    dev = loadOrCreateCredentials(credentialsFile);
  } catch (error) {
    if (error instanceof CredentialsFileError) fail(error.message);
    throw error;
  }
  const credentials: KeyPair = saved?.credentials ?? { keyId: dev.credentials.keyId, secret: dev.credentials.secret };
  const keysFrom = saved?.credentials ? `--state ${stateFile}` : credentialsFile;

  let server: EmulatorServer;
  try {
    server = await startEmulatorServer({
      port,
      keys: [credentials],
      webhookSecret: dev.credentials.webhookSecret,
      unknownKeyHint: `copy PLUGIPAY_KEY_ID and PLUGIPAY_SECRET again from the plugipay-emulator output (they are kept in ${keysFrom})`,
      ...(saved ? { state: saved.emulator } : {}),
      ...(seed ? { seed } : {}),
      // Each forwarded delivery gets a line, as `stripe listen` prints them.
      webhookFetch: async (input, init) => {
        const type = typeof init?.body === 'string' ? String((JSON.parse(init.body) as { type?: unknown }).type) : 'event';
        try {
          const response = await fetch(input, init);
          out(`→ ${type} → ${String(input)} [${response.status}]`);
          return response;
        } catch (error) {
          out(`→ ${type} → ${String(input)} failed: ${(error as Error).message}`);
          throw error;
        }
      },
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') fail(`--port ${port}: 127.0.0.1:${port} is already in use; pick another with --port`);
    if (stateFile && saved) fail(`--state ${stateFile}: ${(error as Error).message}; fix it or delete it`);
    if (seed) fail(`--seed ${values.seed}: ${(error as Error).message}`);
    throw error;
  }
  const emulator = server.emulator;

  // --forward-to: one endpoint for every event, kept across restarts with --state.
  let webhookSecret: string | undefined;
  let forward = saved?.forward;
  if (forwardTo) {
    const existing = forward?.url === forwardTo ? forward.endpointId : undefined;
    webhookSecret = existing ? emulator.webhookSecret(existing) : undefined;
    if (!webhookSecret) {
      // Registered through the API, signed, as an app would do it.
      const client = new PlugipayClient({ ...credentials, baseUrl: server.url });
      const endpoint = await client.webhookEndpoints.create({
        url: forwardTo,
        events: ['*'],
        description: 'plugipay-emulator --forward-to',
      });
      webhookSecret = endpoint.secret ?? emulator.webhookSecret(endpoint.id);
      forward = { url: forwardTo, endpointId: endpoint.id };
    }
  }

  let lastWritten = '';
  const save = () => {
    if (!stateFile) return;
    const text = JSON.stringify({ credentials, ...(forward ? { forward } : {}), emulator: emulator.saveState() } satisfies StateFile);
    if (text === lastWritten) return;
    writeAtomically(stateFile, text);
    lastWritten = text;
  };
  save();
  const timer = stateFile ? setInterval(save, 1000) : undefined;
  timer?.unref();

  out(`Plugipay emulator listening on ${server.url}`);
  out(`Dashboard: ${server.url}/`);
  out('');
  out(`PLUGIPAY_BASE_URL=${server.url}`);
  out(`PLUGIPAY_KEY_ID=${credentials.keyId}`);
  out(`PLUGIPAY_SECRET=${credentials.secret}`);
  // Every endpoint created without a fixed secret signs with the stable one, forwarded or not.
  out(`PLUGIPAY_WEBHOOK_SECRET=${webhookSecret ?? dev.credentials.webhookSecret}`);
  out('');
  out(
    dev.created && !saved?.credentials
      ? `New dev keys, kept in ${keysFrom} for the next start (delete it for new ones).`
      : `Same keys as last time (kept in ${keysFrom}).`,
  );
  if (forwardTo) out(`Forwarding every event to ${forwardTo} (endpoint ${forward!.endpointId})`);
  if (stateFile) out(`State: ${stateFile} (saved as it changes)`);
  out('Ctrl-C to stop.');

  // An exit without stop() (an uncaught error) still frees the lock; a kill -9 leaves it stale,
  // and the next start takes it over.
  const releaseOnExit = () => lock?.release();
  if (lock) process.once('exit', releaseOnExit);

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      if (timer) clearInterval(timer);
      try {
        await emulator.flushWebhooks().catch(() => undefined);
        save();
        await server.close();
      } finally {
        lock?.release();
        process.off('exit', releaseOnExit);
      }
    })());
  return { server, stop };
}

/** The command itself: exit codes and signals. */
export async function run(argv = process.argv.slice(2)): Promise<void> {
  try {
    const started = await main(argv);
    if (!started) return;
    const onSignal = () => {
      void started.stop().then(
        () => {
          console.log('Stopped.');
          process.exit(0);
        },
        (error: unknown) => {
          console.error(`plugipay-emulator: ${(error as Error).message}`);
          process.exit(1);
        },
      );
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  } catch (error) {
    const badArguments = String((error as { code?: unknown }).code ?? '').startsWith('ERR_PARSE_ARGS');
    const known = error instanceof UsageError || error instanceof TriggerUsageError || badArguments;
    console.error(`plugipay-emulator: ${known ? (error as Error).message : String((error as Error).stack ?? error)}`);
    if (badArguments) console.error(`\n${argv[0] === 'trigger' ? TRIGGER_USAGE : USAGE}`);
    process.exit(1);
  }
}
