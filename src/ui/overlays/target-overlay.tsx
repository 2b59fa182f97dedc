// `t` on a clock: type a USDC target price (parseUsdc grammar); empty clears the target.
import { useState } from 'react';
import { MoneyError, formatUsdc, parseUsdc } from '../../core/money.js';
import { TextInput } from '../components/text-input.js';
import { useDeskContext } from '../context.js';
import { setTarget } from '../desk-actions.js';
import { useDesk } from '../hooks/use-desk.js';
import { shortId } from '../panes/feed-row.js';
import { flash } from '../ui-store.js';

export function TargetOverlay({ taskId }: { taskId: string }) {
  const { store, ui, glyphs } = useDeskContext();
  const current = useDesk((s) => s.targets[taskId]);
  const [value, setValue] = useState(current !== undefined ? formatUsdc(current) : '');
  const close = () => ui.setState({ overlay: null });
  return (
    <TextInput
      prompt={`target for ${shortId(taskId, glyphs, 14)} (USDC, empty clears): `}
      value={value}
      maxLength={20}
      onChange={setValue}
      onCancel={close}
      onSubmit={(text) => {
        close();
        if (text.trim() === '') {
          setTarget(store, taskId, null);
          return flash(ui, 'target cleared');
        }
        try {
          const price = parseUsdc(text);
          setTarget(store, taskId, price);
          flash(ui, `target ${formatUsdc(price)} USDC set`);
        } catch (err) {
          if (!(err instanceof MoneyError)) throw err;
          flash(ui, err.message, 'error');
        }
      }}
    />
  );
}
