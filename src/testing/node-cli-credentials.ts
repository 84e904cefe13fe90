/**
 * The `plugipay-emulator` command's dev credentials, kept stable across restarts: a key pair and
 * a webhook signing secret, minted once per project and kept in a file
 * (`.plugipay-emulator/credentials.json` in the directory the command starts in, or
 * `--credentials <file>`), so the lines pasted into `.dev.vars` or `.env.local` keep working.
 *
 * Why a file and not keys derived from a seed: derived keys would be the same for everyone who
 * uses the same seed (a published default would make every developer's emulator accept every
 * other's signatures, and the secret would sit in docs and repositories). A file holds random
 * keys that are this project's alone, is rotated by deleting it, and is written owner-only
 * (0600) in a directory that ignores itself in git (its `.gitignore` is `*`).
 *
 * Secrets never leave through this module's errors: a damaged file is reported by path and by
 * what is wrong with it, never by its contents.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { KeyPair } from './emulator';

/** Where the credentials live unless `--credentials` says otherwise (relative to the working directory). */
export const DEFAULT_CREDENTIALS_FILE = '.plugipay-emulator/credentials.json';

/** What the file holds: the API key pair and the webhook signing secret. */
export interface DevCredentials extends KeyPair {
  webhookSecret: string;
}

/** A credentials file that cannot be used: the message names the file and the fix. */
export class CredentialsFileError extends Error {}

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

function mint(): DevCredentials {
  return { keyId: `pk_test_${hex(12)}`, secret: `sk_test_${hex(24)}`, webhookSecret: `whsec_${randomBytes(24).toString('base64url')}` };
}

function parse(file: string, text: string): DevCredentials {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new CredentialsFileError(`--credentials ${file}: is not valid JSON; delete it to mint new keys (then paste the new lines)`);
  }
  const { keyId, secret, webhookSecret } = (value ?? {}) as Partial<Record<keyof DevCredentials, unknown>>;
  const problems = [
    typeof keyId === 'string' && /^\S+$/.test(keyId) ? '' : 'keyId',
    typeof secret === 'string' && /^\S+$/.test(secret) ? '' : 'secret',
    typeof webhookSecret === 'string' && /^whsec_\S+$/.test(webhookSecret) ? '' : 'webhookSecret',
  ].filter(Boolean);
  if (problems.length > 0) {
    throw new CredentialsFileError(
      `--credentials ${file}: ${problems.join(', ')} missing or malformed (expected { keyId, secret, webhookSecret: "whsec_…" }); fix it or delete it to mint new keys`,
    );
  }
  return { keyId: keyId as string, secret: secret as string, webhookSecret: webhookSecret as string };
}

/** Creates the directory (owner-only) with a `.gitignore` of `*` when it does not exist yet. */
function prepareDirectory(dir: string): void {
  if (existsSync(dir)) return;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(resolve(dir, '.gitignore'), '# plugipay-emulator dev credentials: never commit them\n*\n');
}

/**
 * The project's dev credentials: read from `file` when it exists, else minted and written there
 * (atomically, mode 0600). `created` says which, so the command can say the keys are new.
 */
export function loadOrCreateCredentials(file: string = DEFAULT_CREDENTIALS_FILE): { credentials: DevCredentials; created: boolean } {
  if (existsSync(file)) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new CredentialsFileError(`--credentials ${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    return { credentials: parse(file, text), created: false };
  }
  const credentials = mint();
  try {
    prepareDirectory(dirname(resolve(file)));
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
    renameSync(temporary, file);
  } catch (error) {
    throw new CredentialsFileError(
      `--credentials ${file}: cannot be written (${(error as NodeJS.ErrnoException).code ?? 'error'}); pick another path with --credentials`,
    );
  }
  return { credentials, created: true };
}
