// Below the minimum size the desk shows only this (btop-style), and re-lays out when resized.
import { Box, Text } from 'ink';
import { useDeskContext } from '../context.js';
import { MIN_COLUMNS, MIN_ROWS } from '../layout.js';

export function TooSmall({ columns, rows }: { columns: number; rows: number }) {
  const x = useDeskContext().glyphs.ascii ? 'x' : '×';
  return (
    <Box flexDirection="column">
      <Text bold>
        terminal too small: need {MIN_COLUMNS}
        {x}
        {MIN_ROWS}, have {columns}
        {x}
        {rows}
      </Text>
      <Text>enlarge the window, or press q to quit</Text>
    </Box>
  );
}
