// Start-up and config problems (store.notices) show as a warning flash when they arrive; the help
// overlay lists all of them.
import { useEffect } from 'react';
import { useDeskContext } from '../context.js';
import { safe } from '../text.js';
import { flash } from '../ui-store.js';

export function useNoticeFlash(): void {
  const { store, ui } = useDeskContext();
  useEffect(() => {
    const show = (notices: readonly string[], seen: number) => {
      if (notices.length <= seen) return;
      const fresh = notices.length - seen;
      flash(ui, `${safe(notices.at(-1), 'error')}${fresh > 1 ? ` (+${fresh - 1} more: press ?)` : ''}`, 'warn');
    };
    show(store.getState().notices ?? [], 0);
    return store.subscribe((s, prev) => {
      if (s.notices !== prev.notices) show(s.notices ?? [], prev.notices?.length ?? 0);
    });
  }, [store, ui]);
}
