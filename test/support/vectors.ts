/** The wire test vectors (docs/wire.md, section 8), from the repository's own fixture test/fixtures/vectors.json. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface RequestVector {
  id: string;
  secret: string;
  method: string;
  path: string;
  timestamp: string;
  body: string;
  multipart?: boolean;
  idempotencyKey: string | null;
  signature: string;
}

export interface WebhookVector {
  id: string;
  secret: string;
  t: number;
  body: string;
  header: string;
}

const file = fileURLToPath(new URL('../fixtures/vectors.json', import.meta.url));
export const vectors = JSON.parse(readFileSync(file, 'utf8')) as {
  bodyHashes: Record<string, string>;
  requests: RequestVector[];
  webhooks: WebhookVector[];
};

export const requestVector = (id: string) => vectors.requests.find((r) => r.id === id)!;
