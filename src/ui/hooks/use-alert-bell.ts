// Rings the bell once per target crossing: when a task id newly appears in store.alerts.
import { useEffect } from 'react';
import { useDeskContext } from '../context.js';

export function useAlertBell(): void {
  const { store, actions } = useDeskContext();
  useEffect(() => {
    let known = new Set(store.getState().alerts);
    // Alerts already present at start were rung by whoever raised them; only new crossings ring.
    return store.subscribe((s) => {
      if (s.alerts.length === 0 && known.size === 0) return;
      const next = new Set(s.alerts);
      for (const id of next) {
        if (!known.has(id)) {
          actions.bell?.();
          break; // one bell per update, however many crossed at once
        }
      }
      known = next;
    });
  }, [store, actions]);
}
