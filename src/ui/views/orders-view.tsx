// The Orders view (O, :orders): every armed order from the store's `armed` slice, redrawn as orders change
// and as market time moves (countdowns); the selected order stays on screen.
import { memo, useEffect, useMemo } from 'react';
import { useDeskContext } from '../context.js';
import { useDesk, useUi } from '../hooks/use-desk.js';
import { contentColumns, contentRows, type Rect } from '../layout.js';
import { LinesView } from './lines-view.js';
import { ordersLines } from './orders-lines.js';

export const OrdersView = memo(function OrdersView({ rect }: { rect: Rect }) {
  const { ui, glyphs } = useDeskContext();
  const orders = useDesk((s) => s.armed.orders);
  const now = useDesk((s) => s.now);
  const sel = useUi((s) => (s.view?.kind === 'orders' ? s.view.sel : 0));
  const width = contentColumns(rect);
  const lines = useMemo(() => ordersLines(orders, sel, now, width, glyphs.pointer), [orders, sel, now, width, glyphs]);
  const page = contentRows(rect);
  useEffect(() => {
    const at = lines.findIndex((l) => l.tone === 'selection');
    if (at < 0) return;
    const top = ui.getState().viewScroll;
    if (at < top) ui.setState({ viewScroll: Math.max(0, at - 1) });
    else if (at >= top + page) ui.setState({ viewScroll: at - page + 2 });
  }, [ui, lines, page]);
  return <LinesView title="Orders" lines={lines} rect={rect} />;
});
