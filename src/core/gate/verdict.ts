// One check's outcome before the gate stamps its id and label on it.
export type GateStatus = 'pass' | 'fail' | 'na' | 'warn';

export interface Verdict {
  status: GateStatus;
  reason: string;
}

export const pass = (reason: string): Verdict => ({ status: 'pass', reason });
export const fail = (reason: string): Verdict => ({ status: 'fail', reason });
export const na = (reason: string): Verdict => ({ status: 'na', reason });
export const warn = (reason: string): Verdict => ({ status: 'warn', reason });

/** Market-time and wall-time stamps more than this far in the future mean the clock moved: refuse. */
export const FUTURE_SLACK_MS = 2_000;
/** The guide's freshness bound for task state and balances (Universal Task Side-Effect Gate, step 4). */
export const FRESH_MS = 60_000;
/** How old the market's network answer may be. */
export const NETWORK_FRESH_MS = 5 * 60_000;
