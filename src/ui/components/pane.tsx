// A bordered pane with a title line; the focused pane gets the focus border and colour.
import { Box, Text } from 'ink';
import { memo, type ReactNode } from 'react';
import { useDeskContext } from '../context.js';

export interface PaneProps {
  title: string;
  index?: number;
  focused: boolean;
  width: number;
  height: number;
  /** Right of the title: counts, scroll position, active filters. */
  info?: string;
  children?: ReactNode;
}

export const Pane = memo(function Pane({ title, index, focused, width, height, info, children }: PaneProps) {
  const { theme, glyphs } = useDeskContext();
  return (
    <Box
      flexDirection="column"
      width={width}
      height={height}
      borderStyle={focused ? glyphs.borderFocusStyle : glyphs.borderStyle}
      borderColor={focused ? theme.color.borderFocus : theme.color.border}
      paddingX={1}
      overflow="hidden"
    >
      <Box height={1} overflow="hidden">
        {/* Without colour (mono theme, ASCII borders) focus still shows: the title is inverted and bracketed. */}
        {/* The title never shrinks ("3 Inbo"): only the info after it is cut. */}
        <Box flexShrink={0}>
        <Text bold inverse={focused && (theme.mono || glyphs.ascii)} color={focused ? theme.color.title : theme.color.text} wrap="truncate">
          {focused && (theme.mono || glyphs.ascii) ? '[' : ''}
          {index !== undefined ? `${index} ` : ''}
          {title}
          {focused && (theme.mono || glyphs.ascii) ? ']' : ''}
        </Text>
        </Box>
        {info ? (
          <Text color={theme.color.muted} wrap="truncate">
            {'  '}
            {info}
          </Text>
        ) : null}
      </Box>
      {children}
    </Box>
  );
});
