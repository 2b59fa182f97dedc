// Last-resort cleanups that must happen however the process ends: a signal, a crash, process.exit().
// The normal way out (backend.close()) does the same work asynchronously and then forgets its entry;
// what is still registered runs synchronously, once, from the signal and crash paths and on 'exit'.
const tasks = new Set<() => void>();
let hooked = false;

/** Register `fn` (synchronous, quick: removing a directory); returns a function that forgets it. */
export function onExitCleanup(fn: () => void): () => void {
  tasks.add(fn);
  if (!hooked) {
    hooked = true;
    process.on('exit', runExitCleanups);
  }
  return () => {
    tasks.delete(fn);
  };
}

/** Run (and forget) every registered cleanup now; one that throws does not stop the others. */
export function runExitCleanups(): void {
  for (const fn of [...tasks]) {
    tasks.delete(fn);
    try {
      fn();
    } catch {
      // best effort: the process is on its way out
    }
  }
}
