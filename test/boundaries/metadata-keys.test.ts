/**
 * Metadata keys that are special to JavaScript objects (`__proto__`, `constructor`,
 * `prototype`) are ordinary keys in JSON: they are sent exactly as given, in the bytes a server
 * on 127.0.0.1 receives, never silently dropped; and their values follow the same rules as any key's.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PlugipayClient } from '../../src/entries/index';
import { failure } from '../support/failure';
import type { RawServer } from '../support/raw-server';
import { clientFor, startCountingServer } from './counting-server';

let server: RawServer;
let client: PlugipayClient;
beforeAll(async () => {
  server = await startCountingServer();
  client = clientFor(server);
});
beforeEach(() => void server.received.splice(0));
afterAll(() => server.close());

/** Metadata with the special keys as own properties, as `JSON.parse` (or a computed key) makes them. */
const SPECIAL = '{"__proto__":"p","constructor":"c","prototype":"t","plan":"gold"}';
const sentBody = () => server.received.at(-1)!.body.toString();

describe('metadata keys __proto__, constructor and prototype', () => {
  it('customers.create sends every key exactly', async () => {
    await client.customers.create({ email: 'a@example.com', metadata: JSON.parse(SPECIAL) });
    expect(sentBody()).toBe(`{"email":"a@example.com","metadata":${SPECIAL}}`);
  });

  it('updates of other resources too (subscriptions, refunds), and with computed keys', async () => {
    await client.subscriptions.update('sub_1', { metadata: JSON.parse(SPECIAL) });
    expect(JSON.parse(sentBody()).metadata).toEqual(JSON.parse(SPECIAL));
    expect(sentBody()).toContain('"__proto__":"p"');
    await client.refunds.create({ chargeId: 'pay_1', metadata: { ['constructor']: 'c', ['prototype']: 't' } });
    expect(sentBody()).toContain('"metadata":{"constructor":"c","prototype":"t"}');
  });

  it('their values are checked like any other: a number under __proto__ is refused, nothing sent', async () => {
    const err = await failure(client.customers.create({ email: 'a@example.com', metadata: JSON.parse('{"__proto__":1}') }));
    expect(err).toMatchObject({ code: 'invalid_request', status: 0 });
    expect(err.fieldErrors).toEqual([{ field: 'metadata.__proto__', message: 'metadata values must be strings' }]);
    expect(server.received).toEqual([]);
  });

  it('still at most 50 keys, special ones counted', async () => {
    const many = JSON.parse(`{"__proto__":"p",${Array.from({ length: 50 }, (_, i) => `"k${i}":"v"`).join(',')}}`);
    const err = await failure(client.customers.create({ email: 'a@example.com', metadata: many }));
    expect(err.fieldErrors?.map((e) => e.field)).toEqual(['metadata']);
    expect(server.received).toEqual([]);
  });

  it('free-form JSON keeps them too (events.trigger data)', async () => {
    await client.events.trigger({ type: 'plugipay.customer.created.v1', aggregateId: 'cus_1', data: JSON.parse(SPECIAL) } as never);
    expect(JSON.parse(sentBody()).data).toEqual(JSON.parse(SPECIAL));
    expect(sentBody()).toContain(SPECIAL);
  });
});
