// Size budgets of the built entries, in bytes after esbuild --bundle --minify and gzip -9
// (dependencies included). One place: the size tests enforce these, and the README's numbers
// are checked against them (test/docs/readme.test.ts).
export const BUDGETS = {
  /** Verification only: no ofetch, no resources (asserted in the size test). */
  webhooks: 1536,
  /**
   * The public checkout client, on the one transport (ofetch included). The target was 10 KB
   * (9,966 B before the boundary checks); the boundaries (redirect refusal, the bounded reader,
   * id, timer and option checks, their errors) add about 1.1 KB, measured 11,098 B: NOT within
   * 10 KB, guarded at 11 KB until the project decides.
   */
  browser: 11 * 1024,
  /**
   * The core with every resource namespace, ofetch and valibot included. The target was 20 KB
   * (19,237 B before the boundary checks); the boundaries add about 2.9 KB and `fromEnv` about
   * 0.7 KB, and `handleOnce` with `memoryDedupe` (exactly-once webhook handling, which lives in
   * the core entry) about 1 KB: measured 24,158 B, NOT within 20 KB, guarded at 24.5 KB.
   */
  index: 24.5 * 1024,
};

/** How the README names each budgeted entry. */
export const README_NAMES = { webhooks: '`webhooks`', browser: '`browser`', index: 'the core with every resource' };
