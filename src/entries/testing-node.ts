/** `plugipay-edge/testing/node`: the emulator behind node:http on 127.0.0.1 (Node only). */
export { packageAssets, startEmulatorServer } from '../testing/node-server';
export { nodeHmacVerifier } from '../testing/node-hmac';
export type { EmulatorServer, StartEmulatorServerOptions } from '../testing/node-server';
