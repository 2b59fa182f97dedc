// Aids for the pty tests (test/e2e/terminal-*.test.ts), each driven by one environment variable and
// doing nothing at all unless it is set. They fire once, a second after the desk connected to its market
// (so a test sees the live desk, and the demo wallet exists, before they do):
//   TASKDESK_TEST_STDERR=<text>   writes <text> to stderr three ways: process.stderr.write, console.error
//                                 and a Node warning (what a library, a stray log line or Node itself does)
//   TASKDESK_TEST_GARBAGE=<text>  writes <text> straight onto the terminal, past the frame writer: on the
//                                 bottom row (which the desk leaves empty) and inside the first pane
//   TASKDESK_TEST_CRASH=exception|rejection   throws from a timer / leaves a promise rejection unhandled
const DELAY_MS = 1_000;

export function startTestHooks(env: Record<string, string | undefined>, stdout: NodeJS.WriteStream, connected: Promise<unknown>): () => void {
  const timers: Array<ReturnType<typeof setTimeout>> = [];
  let stopped = false;
  const later = (fn: () => void, ms = DELAY_MS) =>
    void connected.then(() => {
      if (!stopped) timers.push(setTimeout(fn, ms));
    });

  const stderrText = env.TASKDESK_TEST_STDERR;
  if (stderrText) {
    later(() => {
      process.stderr.write(`stderr-hook ${stderrText}\n`);
      console.error(`console-hook ${stderrText}`);
      process.emitWarning(`warning-hook ${stderrText}`);
    });
  }
  const garbage = env.TASKDESK_TEST_GARBAGE;
  if (garbage) {
    later(() => {
      const rows = stdout.rows || 24;
      stdout.write(`\x1b7\x1b[${rows};1H\x1b[31m${garbage}\x1b[0m\x1b[4;4H${garbage}\x1b8`);
    });
  }
  const crash = env.TASKDESK_TEST_CRASH;
  if (crash === 'exception' || crash === 'rejection') {
    later(() => {
      const err = new Error(`TASKDESK_TEST_CRASH: a forced ${crash}`);
      if (crash === 'exception') throw err;
      void Promise.reject(err);
    }, DELAY_MS * 1.5);
  }
  return () => {
    stopped = true;
    for (const t of timers) clearTimeout(t);
  };
}
