// Size budgets of the built entries, in bytes after esbuild --bundle --minify and gzip -9
// (dependencies included). One place: the size tests enforce these, and the README's numbers
// are checked against them (test/docs/readme.test.ts).
export const BUDGETS = {
  /** Verification only: no ofetch, no resources (asserted in the size test). */
  webhooks: 1536,
  /**
   * The public checkout client, on the one transport (ofetch included, without the ufo and
   * destr code it reaches only for options the transport never passes): issue 10's 10 KB.
   */
  browser: 10 * 1024,
  /**
   * The core with every resource namespace, ofetch (without ufo/destr, as above) and valibot
   * included. The target was 20 KB; the boundary checks, `fromEnv` and `handleOnce` with
   * `memoryDedupe` (exactly-once webhook handling, in the core entry) keep it over: measured
   * 22,565 B (24,158 B before ofetch lost ufo and destr), NOT within 20 KB, guarded at 22.5 KB.
   * Where the bytes are: BENCHMARKS.md, "Bundle sizes" (`node bench/size-breakdown.mjs index`).
   */
  index: 22.5 * 1024,
};

/** How the README names each budgeted entry. */
export const README_NAMES = { webhooks: '`webhooks`', browser: '`browser`', index: 'the core with every resource' };
