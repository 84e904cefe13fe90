// Size budgets, in bytes after esbuild --bundle --minify and gzip -9 (dependencies included),
// each of a built entry (`entry`), or of an app importing only `only` from it (what a user's
// bundler keeps). One place: the size tests enforce these, and the README's numbers are checked
// against them (test/docs/readme.test.ts).
export const BUDGETS = {
  /**
   * Verification only: no ofetch, no resources (asserted in the size test). Raised from 1.5 KB
   * to 2 KB on 2026-12-04, knowingly (issue 18): judging the header before reading the body,
   * `maxBodyBytes` counted on the stream, one HMAC per secret compared byte by byte, and the
   * BOM kept in the signed bytes took it from 1,526 B to about 1,970 B.
   */
  webhooks: { entry: 'webhooks', bytes: 2048 },
  /**
   * The public checkout client, on the one transport (ofetch included, without the ufo and
   * destr code it reaches only for options the transport never passes): issue 10's 10 KB.
   */
  browser: { entry: 'browser', bytes: 10 * 1024 },
  /**
   * Issue 10's "core with every resource": `PlugipayClient` with all 21 namespaces, the options,
   * the request path with every boundary check, ofetch (without ufo/destr, as above) and
   * valibot: what an app that calls the API pays, whichever methods it calls. Raised from 20 KB
   * to 20.5 KB on 2026-12-04, knowingly: issue 18's client boundaries (hooks bounded by their
   * attempt, hook_failed keeping the exchange, a checked clock, dot segments however written, a
   * repeated list cursor, metadata keys kept as given, userinfo in a signed link) cost ~620 B
   * over the 20,025 B measured before, past the 455 B left.
   */
  client: { entry: 'index', only: ['PlugipayClient'], bytes: 20.5 * 1024 },
  /**
   * The whole `plugipay-edge` entry: the client above plus webhook verification, `handleOnce`
   * with `memoryDedupe`, `fromEnv`, `signRequest` and the retry helpers. An app pays this only if
   * it uses all of them; guarded so that it does not grow unnoticed. Raised from 22.5 KB to
   * 23.5 KB on 2026-12-02, knowingly: RFC 9110's two obsolete HTTP-date forms in `Retry-After`
   * (+231 B), `storeTimeoutMs` on `handleOnce` and the request-path changes brought it to
   * 23,015 B. Where the bytes are: BENCHMARKS.md, "Bundle sizes"
   * (`node bench/size-breakdown.mjs index`).
   */
  // Raised to 25 KB on 2026-12-04, knowingly (issues 18–20 together): owner tokens, maxEntries,
  // the body limits and one HMAC per secret, the client boundaries of round two, and four new
  // routes (onboarding, workspaces, checkoutSessions.delete, events.types) took it to 24,831 B.
  index: { entry: 'index', bytes: 25 * 1024 },
  /**
   * A Worker that only receives webhooks, exactly once over D1: verification, `handleOnce`,
   * `d1Dedupe`, the handler and `PLUGIPAY_WEBHOOK_SECRET` from the bindings, and no resource
   * and no ofetch (the chunk layout keeps them apart: rollup.config.mjs). Issue 18 asked for
   * 4 KB; it measures about 4,830 B, of which some 3 KB are the messages and the SQL.
   */
  workersWebhooks: { entry: 'workers', only: ['createWebhookHandler', 'd1Dedupe'], bytes: 5 * 1024 },
};

/** How the README names each budget. */
export const README_NAMES = {
  webhooks: '`webhooks`',
  browser: '`browser`',
  client: '`PlugipayClient` with every resource',
  index: 'the whole core entry',
  workersWebhooks: '`createWebhookHandler` and `d1Dedupe` alone from `plugipay-edge/workers`',
};
