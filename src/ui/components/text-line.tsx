// A line being typed (palette, `/` filter, clock target), drawn from the UI store's InputState: the
// prompt, the text with its caret, and — after a refused Enter — the reason, on the same line.
import { Text } from 'ink';
import { memo } from 'react';
import { useDeskContext } from '../context.js';
import { safe } from '../text.js';
import type { InputState } from '../ui-store.js';

export const TextLine = memo(function TextLine({ prompt, input, placeholder }: { prompt: string; input: InputState; placeholder?: string }) {
  const { theme } = useDeskContext();
  // The operator's own typing, but it is drawn on the terminal: keep it to one clean line.
  const chars = Array.from(safe(input.value, 400));
  const caret = Math.min(input.caret, chars.length);
  const before = chars.slice(0, caret).join('');
  const at = chars[caret] ?? ' ';
  const after = chars.slice(caret + 1).join('');
  return (
    <Text wrap="truncate">
      <Text color={theme.color.accent} bold>
        {prompt}
      </Text>
      <Text color={theme.color.text} inverse={input.replaceOnType}>
        {before}
      </Text>
      <Text inverse>{at}</Text>
      <Text color={theme.color.text}>{after}</Text>
      {input.value === '' && placeholder && !input.error ? <Text color={theme.color.muted}> {placeholder}</Text> : null}
      {input.error ? <Text color={theme.color.negative}>  {safe(input.error, 'error')}</Text> : null}
    </Text>
  );
});
