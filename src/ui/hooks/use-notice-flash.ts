// Start-up and config problems (store.notices) show as a warning flash when they arrive; the help
// overlay lists all of them.
import { useEffect } from 'react';
import { useDeskContext } from '../context.js';
import { safe } from '../text.js';
import { flash } from '../ui-store.js';

export function useNoticeFlash(): void {
  const { store, ui } = useDeskContext();
  useEffect(() => {
    const show = (notices: readonly string[], fresh: number) => {
      if (fresh <= 0 || notices.length === 0) return;
      flash(ui, `${safe(notices.at(-1), 'error')}${fresh > 1 ? ` (+${fresh - 1} more: press ?)` : ''}`, 'warn');
    };
    show(store.getState().notices ?? [], store.getState().noticeCount ?? 0);
    return store.subscribe((s, prev) => {
      if (s.noticeCount !== prev.noticeCount) show(s.notices ?? [], (s.noticeCount ?? 0) - (prev.noticeCount ?? 0));
    });
  }, [store, ui]);
}
