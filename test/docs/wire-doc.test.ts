/**
 * docs/wire.md prints the test vectors for readers; test/fixtures/vectors.json holds them for
 * the tests. The two must say the same thing, so a reader who checks a signature by hand
 * against the page checks it against what the suite enforces.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { vectors } from '../support/vectors';

const doc = readFileSync(fileURLToPath(new URL('../../docs/wire.md', import.meta.url)), 'utf8');

/** The rows of the Markdown table that follows `heading`, as arrays of cells with backticks removed. */
function table(heading: string): string[][] {
  const start = doc.indexOf(heading);
  if (start < 0) throw new Error(`docs/wire.md has no "${heading}"`);
  const lines = doc.slice(start).split('\n');
  const first = lines.findIndex((l) => l.startsWith('|'));
  const rows: string[][] = [];
  for (const line of lines.slice(first + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .slice(1, -1)
        .split(' | ')
        .map((cell) => cell.trim().replace(/^`|`$/g, '')),
    );
  }
  return rows;
}

describe('docs/wire.md and the vectors fixture agree', () => {
  it('body hashes', () => {
    const rows = table('SHA-256 of common bodies');
    const documented = Object.fromEntries(rows.map(([body, hash]) => [body === '(empty)' ? '' : body!, hash]));
    expect(documented).toEqual(vectors.bodyHashes);
  });

  it('request vectors R1–R8', () => {
    const rows = table('### Requests');
    expect(rows.map((r) => r[0])).toEqual(vectors.requests.map((r) => r.id));
    for (const [id, secret, method, path, timestamp, body, key, signature] of rows) {
      const v = vectors.requests.find((r) => r.id === id)!;
      expect({ secret, method, path, timestamp, key, signature }).toEqual({
        secret: v.secret,
        method: v.method,
        path: v.path,
        timestamp: v.timestamp,
        key: v.idempotencyKey ?? '—',
        signature: v.signature,
      });
      if (!body!.startsWith('(')) expect(body).toBe(v.body);
      else expect(v.body).toBe('');
    }
  });

  it('webhook vectors W1–W4', () => {
    const rows = table('### Webhooks');
    expect(rows.map((r) => r[0])).toEqual(vectors.webhooks.map((w) => w.id));
    for (const [id, secret, body, header] of rows) {
      const w = vectors.webhooks.find((x) => x.id === id)!;
      expect({ secret, body, header }).toEqual({ secret: w.secret, body: w.body, header: w.header });
      expect(header).toMatch(new RegExp(`^t=${w.t},`));
    }
  });
});
