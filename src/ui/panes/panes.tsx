// The four panes arranged for the terminal: wide (Feed left; Clocks, Inbox, Actions stacked right)
// or narrow (Feed on top; Clocks; Inbox and Actions side by side).
import { Box } from 'ink';
import { memo } from 'react';
import { useUi } from '../hooks/use-desk.js';
import type { Layout } from '../layout.js';
import { ActionsPane } from './actions-pane.js';
import { ClocksPane } from './clocks-pane.js';
import { FeedPane } from './feed-pane.js';
import { InboxPane } from './inbox-pane.js';

export const Panes = memo(function Panes({ layout }: { layout: Layout }) {
  const focus = useUi((s) => s.focus);
  const p = layout.panes;
  const feed = <FeedPane rect={p.feed} focused={focus === 'feed'} />;
  const clocks = <ClocksPane rect={p.clocks} focused={focus === 'clocks'} />;
  const inbox = <InboxPane rect={p.inbox} focused={focus === 'inbox'} />;
  const actions = <ActionsPane rect={p.actions} focused={focus === 'actions'} />;
  if (layout.mode === 'wide') {
    return (
      <Box flexDirection="row" height={layout.body.height}>
        {feed}
        <Box flexDirection="column">
          {clocks}
          {inbox}
          {actions}
        </Box>
      </Box>
    );
  }
  return (
    <Box flexDirection="column" height={layout.body.height}>
      {feed}
      {clocks}
      <Box flexDirection="row">
        {inbox}
        {actions}
      </Box>
    </Box>
  );
});
