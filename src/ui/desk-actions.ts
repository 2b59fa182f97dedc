// Writes the UI makes to the desk store. If the store exposes a matching action (so pollers can
// react, e.g. re-list with new filters) it is used; otherwise the state field is set directly.
import type { StoreApi } from 'zustand/vanilla';
import type { DeskState, FeedFilter, FeedSort } from '../store/state.js';

function action(store: StoreApi<DeskState>, name: string): ((...args: unknown[]) => unknown) | null {
  const f = (store.getState() as unknown as Record<string, unknown>)[name];
  return typeof f === 'function' ? (f as (...args: unknown[]) => unknown) : null;
}

export function setFilter(store: StoreApi<DeskState>, patch: Partial<FeedFilter>): void {
  const next = { ...store.getState().filter, ...patch };
  const f = action(store, 'setFilter');
  if (f) f(next);
  else store.setState({ filter: next });
}

export function setSort(store: StoreApi<DeskState>, sort: FeedSort): void {
  const f = action(store, 'setSort');
  if (f) f(sort);
  else store.setState({ sort });
}

/** Set (or with null, clear) the operator's alert price on a clock. */
export function setTarget(store: StoreApi<DeskState>, taskId: string, price: bigint | null): void {
  const f = action(store, price === null ? 'clearTarget' : 'setTarget');
  if (f) {
    f(taskId, price);
    return;
  }
  const targets = { ...store.getState().targets };
  if (price === null) delete targets[taskId];
  else targets[taskId] = price;
  store.setState({ targets, alerts: store.getState().alerts.filter((id) => id !== taskId) });
}

/** Acknowledge a crossed target (stops the flashing). */
export function ackAlert(store: StoreApi<DeskState>, taskId: string): void {
  const f = action(store, 'ackAlert');
  if (f) f(taskId);
  else store.setState({ alerts: store.getState().alerts.filter((id) => id !== taskId) });
}

/** Tell the store which task is open so its detail is polled (null when closed). */
export function openTask(store: StoreApi<DeskState>, taskId: string | null): void {
  action(store, 'openTask')?.(taskId);
}

/** Mark a message read in the store (the market call, if any, is the caller's DeskActions.markRead). */
export function markReadLocal(store: StoreApi<DeskState>, key: string): void {
  const f = action(store, 'markRead');
  if (f) f(key, true);
  else store.setState({ messages: store.getState().messages.map((m) => (m.key === key ? { ...m, read: true } : m)) });
}

/** Ask the pollers for a task's detail now (a ticket binds to fresh data). */
export function requestDetail(store: StoreApi<DeskState>, taskId: string): void {
  const f = action(store, 'requestDetail');
  if (f) f(taskId);
  else store.setState((s) => ({ detailRequests: { ...s.detailRequests, [taskId]: Date.now() } }));
}

/** Merge into the acting state (network intent confirmed this session, …). */
export function setAct(store: StoreApi<DeskState>, patch: Partial<DeskState['act']>): void {
  const f = action(store, 'setAct');
  if (f) f(patch);
  else store.setState({ act: { ...store.getState().act, ...patch } });
}
