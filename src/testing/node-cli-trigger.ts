/**
 * `plugipay-emulator trigger <event type>`: asks a running emulator to make one realistic event
 * of that type (`POST /_emulator/trigger`), as `stripe trigger` does against test mode. The
 * emulator creates the objects the event concerns, records the prerequisite events, and
 * delivers everything signed to its endpoints (the running command prints each delivery). No
 * keys are needed: the control surface is local and guarded by its header, so this command
 * never handles a secret.
 */
import { parseArgs } from 'node:util';

export const TRIGGER_USAGE = `Usage: plugipay-emulator trigger <event type> [options]

Makes one realistic event in a running emulator and delivers it to its webhook endpoints.
<event type> is a catalog type, in full (plugipay.invoice.paid.v1) or short (invoice.paid).

Options:
  --url <url>           the running emulator (default http://127.0.0.1:4010)
  --account <acc_…>     the workspace (default: the emulator's own)
  --list                print the event types and exit
  -h, --help            show this help
`;

/** A mistake the user can fix (bad arguments, no emulator there); printed without a stack. */
export class TriggerUsageError extends Error {}

const ACTION_HEADERS = { 'content-type': 'application/json', 'x-plugipay-emulator': '1' };

function emulatorUrl(raw: string | undefined): URL {
  let url: URL;
  try {
    url = new URL(raw ?? 'http://127.0.0.1:4010');
  } catch {
    throw new TriggerUsageError(`--url ${raw}: expected the emulator's URL, e.g. http://127.0.0.1:4010`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TriggerUsageError(`--url ${raw}: expected an http(s) URL`);
  if (url.username || url.password) throw new TriggerUsageError('--url: a URL with a user name or password is refused');
  return url;
}

async function call(
  url: URL,
  init?: RequestInit,
): Promise<{ status: number; body: { data?: unknown; error?: { code?: string; message?: string } } }> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
  } catch (error) {
    const reason = ((error as Error).cause as { code?: string } | undefined)?.code ?? (error as Error).message;
    throw new TriggerUsageError(`no emulator answered at ${url.origin} (${reason}): start one with \`plugipay-emulator\`, or pass --url`);
  }
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) as never };
  } catch {
    throw new TriggerUsageError(`${url.origin} answered HTTP ${response.status} without JSON: is it a plugipay-emulator?`);
  }
}

interface Triggered {
  event: { id: string; type: string; accountId: string; data: { object?: { id?: string } } };
  events: { id: string; type: string }[];
}

export async function triggerCommand(argv: string[], out: (line: string) => void): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      url: { type: 'string' },
      account: { type: 'string' },
      list: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: true,
  });
  if (values.help) return out(TRIGGER_USAGE);
  const base = emulatorUrl(values.url);
  if (values.list) {
    const { body } = await call(new URL('/_emulator/event-types', base));
    for (const type of (body.data as string[] | undefined) ?? []) out(type);
    return;
  }
  if (positionals.length !== 1) {
    throw new TriggerUsageError(
      positionals.length === 0
        ? 'which event? e.g. plugipay-emulator trigger invoice.paid (--list shows them all)'
        : `one event type at a time (got ${positionals.join(' ')})`,
    );
  }
  const target = new URL('/_emulator/trigger', base);
  if (values.account) target.searchParams.set('account', values.account);
  const { status, body } = await call(target, { method: 'POST', headers: ACTION_HEADERS, body: JSON.stringify({ type: positionals[0] }) });
  if (status !== 201) {
    throw new TriggerUsageError(`${body.error?.code ?? `HTTP ${status}`}: ${body.error?.message ?? 'the emulator refused the trigger'}`);
  }
  const { event, events } = body.data as Triggered;
  for (const recorded of events) {
    if (recorded.id !== event.id) out(`  ${recorded.type} (${recorded.id})`);
  }
  out(`Triggered ${event.type} (${event.id}) for ${event.data.object?.id ?? 'its object'} in ${event.accountId}`);
}
