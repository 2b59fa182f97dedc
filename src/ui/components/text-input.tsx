// A one-line text input that owns the keyboard while active (input priority: the App's key hooks
// are inactive meanwhile). Enter submits, Esc cancels; Backspace and Delete both erase (terminals
// send DEL for Backspace). Pasted text arrives as one chunk and is appended.
import { useRef } from 'react';
import { Text, useInput } from 'ink';
import { useDeskContext } from '../context.js';

export interface TextInputProps {
  prompt: string;
  value: string;
  onChange: (value: string) => void;
  onSubmit: (value: string) => void;
  onCancel: () => void;
  maxLength?: number;
  placeholder?: string;
  /** Up/Down: step through history (-1 older, +1 newer). */
  onHistory?: (step: -1 | 1) => void;
}

export function TextInput({ prompt, value, onChange, onSubmit, onCancel, maxLength = 200, placeholder, onHistory }: TextInputProps) {
  const { theme } = useDeskContext();
  // Keys can arrive faster than React re-renders (Ink re-registers this handler in a passive effect),
  // so edits build on the latest value we produced, not the one captured at render time.
  const latest = useRef(value);
  const rendered = useRef(value);
  if (rendered.current !== value) {
    rendered.current = value;
    latest.current = value;
  }
  const change = (next: string) => {
    latest.current = next;
    onChange(next);
  };
  useInput((input, key) => {
    const value = latest.current;
    if (key.escape) return onCancel();
    if (key.return) return onSubmit(value);
    if (key.upArrow) return onHistory?.(-1);
    if (key.downArrow) return onHistory?.(1);
    if (key.backspace || key.delete) return change(Array.from(value).slice(0, -1).join(''));
    if (key.ctrl || key.meta || key.tab || key.upArrow || key.downArrow || key.leftArrow || key.rightArrow) return;
    // Keys read together may carry Enter ("abc\r"): take the text before it and submit.
    const enter = input.search(/[\r\n]/);
    const text = enter >= 0 ? input.slice(0, enter) : input;
    // Typed text is the operator's own, but still keep controls out of the line.
    const clean = text.replace(/[\x00-\x1f\x7f-\x9f]/g, '');
    const next = clean ? Array.from(value + clean).slice(0, maxLength).join('') : value;
    if (enter >= 0) return onSubmit(next);
    if (clean) change(next);
  });
  return (
    <Text wrap="truncate">
      <Text color={theme.color.accent} bold>
        {prompt}
      </Text>
      <Text color={theme.color.text}>{value}</Text>
      <Text inverse> </Text>
      {value === '' && placeholder ? <Text color={theme.color.muted}> {placeholder}</Text> : null}
    </Text>
  );
}
