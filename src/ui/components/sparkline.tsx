// A sparkline of bigint prices (e.g. clockPath), scaled between the path's own min and max.
import { Text } from 'ink';
import { memo } from 'react';
import type { Glyphs } from '../theme/glyphs.js';

export function sparkline(values: readonly bigint[], glyphs: Glyphs): string {
  if (values.length === 0) return '';
  let min = values[0]!;
  let max = values[0]!;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const levels = glyphs.spark.length;
  const span = max - min;
  return values
    .map((v) => glyphs.spark[span === 0n ? 0 : Number(((v - min) * BigInt(levels - 1)) / span)] ?? glyphs.spark[0])
    .join('');
}

export const Sparkline = memo(function Sparkline({ values, glyphs, color }: { values: readonly bigint[]; glyphs: Glyphs; color?: string }) {
  return <Text color={color}>{sparkline(values, glyphs)}</Text>;
});
