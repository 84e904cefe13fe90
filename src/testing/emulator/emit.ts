/** Binding event recording to a workspace and to what caused the change (a request, a test helper). */
import type { World } from './context';
import { snapshot, type AccountState } from './state';

export type Emit = (type: string, object: { id: string }, extras?: Record<string, unknown>) => void;

/** `metadata` says what caused the events (`requestId`, `idempotencyKey`, `source`). */
export function eventEmitter(world: World, account: AccountState, metadata: Record<string, unknown>): Emit {
  return (type, object, extras) => {
    world.recordEvent(account, {
      type,
      object: snapshot(object),
      // 'plugipay.checkout_session.completed.v1' → 'checkout_session'
      aggregateType: type.split('.')[1],
      aggregateId: object.id,
      ...(extras ? { extras } : {}),
      metadata,
    });
  };
}
