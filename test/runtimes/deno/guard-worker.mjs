// Runs inside a Deno Worker: WorkerGlobalScope is defined here, as in a browser's workers.
import { PlugipayClient } from 'plugipay-edge';

self.onmessage = (event) => {
  const workerScope = typeof WorkerGlobalScope === 'function' && globalThis instanceof WorkerGlobalScope;
  let built = false;
  try {
    new PlugipayClient({ ...event.data, baseUrl: 'http://127.0.0.1:1' });
    built = true;
  } catch (error) {
    built = `${error.code}: ${error.message}`;
  }
  self.postMessage({ workerScope, built });
};
