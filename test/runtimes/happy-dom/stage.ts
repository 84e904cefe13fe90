/** Vitest global setup: puts `packed-entries.mjs` beside the packed package so it resolves `plugipay-edge/...` from there. */
// @ts-expect-error: a plain .mjs helper without types
import { stage } from '../support/packed.mjs';

export default function setup(): void {
  stage('happy-dom');
}
