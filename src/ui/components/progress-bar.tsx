// A fixed-width progress bar for a 0..1 fraction (null shows an empty bar).
import { Text } from 'ink';
import { memo } from 'react';
import type { Glyphs } from '../theme/glyphs.js';

export function progressBar(fraction: number | null, width: number, glyphs: Glyphs): string {
  const f = fraction === null || !Number.isFinite(fraction) ? 0 : Math.max(0, Math.min(1, fraction));
  const full = Math.round(f * width);
  return glyphs.barFull.repeat(full) + glyphs.barEmpty.repeat(width - full);
}

export const ProgressBar = memo(function ProgressBar(props: { fraction: number | null; width: number; glyphs: Glyphs; color?: string }) {
  return <Text color={props.color}>{progressBar(props.fraction, props.width, props.glyphs)}</Text>;
});
