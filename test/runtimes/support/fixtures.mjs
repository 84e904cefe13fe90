/**
 * What every runtime runner starts before handing over to its runtime: the emulator on
 * 127.0.0.1 with the timeout check's path set to hang. Runners are Node scripts; the runtime
 * under test only ever sees the URL and the credentials.
 */
import { startEmulatorServer } from 'plugipay-edge/testing/node';
import { STALL_PATH } from '../shared/checks.mjs';

export async function startFixtures(options = {}) {
  const server = await startEmulatorServer(options);
  server.emulator.inject({ match: { method: 'GET', path: STALL_PATH }, delayMs: Infinity, times: Infinity });
  return { url: server.url, credentials: server.emulator.credentials, emulator: server.emulator, close: () => server.close() };
}

/** A runner's own failure (it could not even start its runtime) as one failed check, so the summary counts it. */
export function reportCrash(runtime, error) {
  console.error(error);
  console.log(`PLUGIPAY_RESULT ${JSON.stringify({ runtime, passed: 0, failed: 1 })}`);
  process.exitCode = 1;
}
