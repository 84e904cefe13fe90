/**
 * Checks run by the Chromium runner in the page: the browser guard inside a real dedicated
 * worker (`new Worker(url, { type: 'module' })`), a shared worker and a service worker.
 */

/** In the page: starts each worker, sends it the credentials, and collects what it answers. */
async function askWorkers({ url, credentials }) {
  const timeout = (what) => new Promise((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer`)), 15_000));
  const dedicated = (async () => {
    const worker = new Worker(url, { type: 'module' });
    const answer = new Promise((resolve, reject) => {
      worker.onmessage = (event) => resolve(event.data);
      worker.onerror = (event) => reject(new Error(event.message || 'worker error'));
    });
    worker.postMessage(credentials);
    return Promise.race([answer, timeout('dedicated worker')]).finally(() => worker.terminate());
  })();
  const shared = (async () => {
    const worker = new SharedWorker(url, { type: 'module', name: 'guard' });
    const answer = new Promise((resolve, reject) => {
      worker.port.onmessage = (event) => resolve(event.data);
      worker.onerror = (event) => reject(new Error(event.message || 'shared worker error'));
    });
    worker.port.start();
    worker.port.postMessage(credentials);
    return Promise.race([answer, timeout('shared worker')]);
  })();
  const service = (async () => {
    const registration = await navigator.serviceWorker.register(url, { type: 'module', scope: '/' });
    const worker = registration.installing ?? registration.waiting ?? registration.active;
    const channel = new MessageChannel();
    const answer = new Promise((resolve) => (channel.port1.onmessage = (event) => resolve(event.data)));
    worker.postMessage(credentials, [channel.port2]);
    return Promise.race([answer, timeout('service worker')]);
  })();
  const settle = (p) =>
    p.then(
      (value) => ({ value }),
      (error) => ({ error: String(error?.message ?? error) }),
    );
  return { dedicated: await settle(dedicated), shared: await settle(shared), service: await settle(service) };
}

/** One check per kind of worker. */
export async function workerGuardChecks(tab, { url, credentials }) {
  const answers = await tab.evaluate(askWorkers, { url, credentials });
  return Object.entries(answers).map(([kind, { value, error }]) => ({
    name: `chromium: a secret-holding PlugipayClient throws browser_secret in a ${kind} worker (type: module); the opt-in and the public client work`,
    ok:
      !error &&
      value.guarded === 'browser_secret' &&
      value.leaked === false &&
      /browser worker/.test(value.message) &&
      value.optIn === 'built' &&
      value.publicClient === 'built',
    detail: error ?? `${value.scope}: ${value.guarded}; opt-in ${value.optIn}; public client ${value.publicClient}`,
  }));
}
