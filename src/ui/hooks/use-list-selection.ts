// A list pane's selection as shown: its row (by key, so it stays on its task through polls, re-sorts
// and inserts) and its window. When the selected row leaves the list the neighbour at its place takes
// over and the footer says so; the pane's page size is reported for PgUp/PgDn.
import { useEffect } from 'react';
import { safe } from '../text.js';
import { flash, PANE_TITLES, resolveSel, setSel, type PaneId, type ResolvedSel } from '../ui-store.js';
import { useDeskContext } from '../context.js';
import { useUi } from './use-desk.js';

export function useListSelection(pane: PaneId, keys: readonly string[], page: number, label: (key: string) => string = (k) => safe(k, 'id').slice(0, 10)): ResolvedSel {
  const { ui } = useDeskContext();
  const sel = useUi((s) => s.sel[pane]);
  const r = resolveSel(sel, keys, page);
  useEffect(() => {
    if (ui.getState().pages[pane] !== page) ui.setState({ pages: { ...ui.getState().pages, [pane]: page } });
  }, [ui, pane, page]);
  useEffect(() => {
    const cur = ui.getState().sel[pane];
    const now = resolveSel(cur, keys, page);
    if (now.left && cur.key !== null && ui.getState().focus === pane) {
      // The row left the list (filtered out, claimed, expired): its neighbour is selected now, and the operator is told.
      flash(ui, `${label(cur.key)} left the ${PANE_TITLES[pane]}; selection moved to ${now.key === null ? 'nothing (the list is empty)' : label(now.key)}`, 'warn');
    }
    if (now.key !== cur.key || now.index !== cur.index || now.top !== cur.top) setSel(ui, pane, { key: now.key, index: now.index, top: now.top });
  }, [ui, pane, keys, page, label]);
  return r;
}
