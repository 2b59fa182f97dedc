// A plain-words hint for the on-chain rejections the guide names and the common ones in
// taskmarket-backend.md §4.3, so a stop explains itself on one line.
const HINTS: Readonly<Record<string, string>> = {
  TaskNotOpen: 'the task is no longer open',
  TaskIsExpired: 'the task has expired',
  TaskNotYetExpired: 'the task has not expired yet',
  TaskNotClaimed: 'the task is not claimed',
  NotWorker: 'this wallet is not the task worker',
  WorkerMismatch: 'this wallet is not the selected worker',
  WorkerNotSelected: 'no worker is selected yet',
  WinnerNotSelected: 'no auction winner yet',
  NotRequester: 'this wallet is not the requester',
  BidDeadlinePassed: 'the bid deadline has passed',
  BidDeadlineNotPassed: 'the bid deadline has not passed',
  BidExceedsMaxPrice: 'the bid is above the max price',
  PriceExceedsMaxPrice: 'the price is above the max price',
  PitchDeadlinePassed: 'the pitch deadline has passed',
  AppealWindowClosed: 'the appeal window has closed',
  AppealWindowStillOpen: 'the appeal window is still open',
  BidsExist: 'bids exist',
  SubmissionsExist: 'submissions exist',
  DeliverableAlreadySet: 'a deliverable is already set',
  NoBidsSubmitted: 'no bids were submitted',
  UseEvaluate: 'an evaluator must decide',
};

const PREFIXED = /Contract call rejected:\s*([A-Za-z_][A-Za-z0-9_]{0,63})/;
const BARE = /^\s*([A-Za-z_][A-Za-z0-9_]{0,63})\s*$/;

/** The error name in "Contract call rejected: <Name>" (or a bare name), else null. */
export function contractErrorName(text: string): string | null {
  return PREFIXED.exec(text)?.[1] ?? BARE.exec(text)?.[1] ?? null;
}

export function contractErrorHint(name: string): string | undefined {
  return Object.hasOwn(HINTS, name) ? HINTS[name] : undefined;
}
