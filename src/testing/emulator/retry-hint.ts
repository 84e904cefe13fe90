/**
 * `createEmulator({ retryAfterMs })`: a test against the emulator should not sit through the
 * client's real backoff (0.5 s doubling, with jitter) after every scripted 503. The client
 * already honours a server's `retry-after-ms`, so the emulator states the wait on each
 * retryable answer instead of the client learning a test-only switch. An answer that names its
 * own wait (a fault with `Retry-After`) keeps it: that is what such a test is about.
 */

/** Whether the client would retry this status (429 and every 5xx). */
function retryable(status: number): boolean {
  return status === 429 || status >= 500;
}

/** The response with `retry-after-ms` set when it is retryable and names no wait; as is otherwise. */
export async function withRetryHint(pending: Promise<Response>, retryAfterMs: number | undefined): Promise<Response> {
  const response = await pending;
  if (retryAfterMs === undefined || !retryable(response.status)) return response;
  if (response.headers.has('retry-after') || response.headers.has('retry-after-ms')) return response;
  try {
    // In place: the Response stays the one the emulator built (node-server reads its known body by identity).
    response.headers.set('retry-after-ms', String(retryAfterMs));
    return response;
  } catch {
    // Immutable headers (a Response the emulator did not construct): a copy carries the hint.
    const headers = new Headers(response.headers);
    headers.set('retry-after-ms', String(retryAfterMs));
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  }
}
