/**
 * The README's error table and the code union of src/core/errors.ts tell the same story: every
 * member of `PlugipayErrorCode` (with the unions it names, such as `WebhookHandlingErrorCode`)
 * has a row, so a code added to the union cannot stay undocumented.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codesIn } from '../support/error-codes';

const ROOT = join(import.meta.dirname, '../..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const ERRORS = readFileSync(join(ROOT, 'src/core/errors.ts'), 'utf8');

/** The codes in the first column of the table under "Codes the SDK raises itself". */
function tableCodes(): string[] {
  const start = README.indexOf('Codes the SDK raises itself');
  const table = README.slice(start).split('\n\n')[1]!;
  return table
    .split('\n')
    .map((line) => /^\| `([^`]+)`/.exec(line)?.[1])
    .filter((code): code is string => code !== undefined);
}

describe('README error table', () => {
  it('has a row for every member of PlugipayErrorCode, the unions it names included', () => {
    const declared = codesIn(ERRORS);
    expect(declared).toEqual(
      expect.arrayContaining(['invalid_config', 'dedupe_store_invalid', 'dedupe_store_failed', 'queue_send_failed']),
    );
    const listed = new Set(tableCodes());
    expect(declared.filter((code) => !listed.has(code))).toEqual([]);
  });

  it('the reader follows a union named inside the code union (a planted one)', () => {
    const planted = [
      "export type PlugipayErrorCode = 'a_code' | OtherCodes | (string & {});",
      "export type OtherCodes = 'b_code' | DeeperCodes;",
      "export type DeeperCodes = 'c_code';",
    ].join('\n');
    expect(codesIn(planted)).toEqual(['a_code', 'b_code', 'c_code']);
  });
});
