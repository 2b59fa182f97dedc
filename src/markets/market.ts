// The interface every market adapter implements. Everything here is the core model (bigint money,
// epoch-ms times); adapters parse the wire with zod at their edge and never leak wire shapes.
import type { Address, AuctionType, Bid, Mode, Phase, Pitch, Submission, Task, TaskStatus } from '../core/types.js';

export type MarketKind = 'taskmarket' | 'execution-market';

export interface NetworkInfo {
  networkName: string;
  chainId: number;
  usdcAddress: Address;
}

export type TaskSort = 'newest' | 'reward_desc' | 'reward_asc' | 'deadline_asc';

/** Every filter `taskmarket task list` has, plus the server's sort. */
export interface TaskListQuery {
  status?: TaskStatus | 'ALL';
  /** Derived lifecycle phase (`task list --phase`), independent of status. */
  phase?: Phase;
  mode?: Mode;
  auctionType?: AuctionType;
  tags?: string[];
  minReward?: bigint;
  maxReward?: bigint;
  deadlineHours?: number;
  limit?: number;
  cursor?: string;
  sort?: TaskSort;
}

export interface TaskPage {
  tasks: Task[];
  nextCursor: string | null;
  hasMore: boolean;
}

export interface InboxView {
  asRequester: Task[];
  asWorker: Task[];
  invitedPrivateTasks: Task[];
}

export interface MyBid {
  taskId: string;
  auctionType: AuctionType | null;
  myBidPrice: bigint;
  currentLowestBid: bigint | null;
  bidDeadline: number | null;
  bidCount: number;
  taskStatus: TaskStatus;
}

export interface Email {
  id: string;
  fromAddress: string;
  toAddress: string;
  subject: string;
  bodyText: string;
  receivedAt: number;
  isRead: boolean;
}

export interface AgentStats {
  address: string;
  agentId: string | null;
  completedTasks: number;
  ratedTasks: number;
  averageRating: number | null;
  totalEarnings: bigint;
  emailAddress: string | null;
}

/** Read side of a market, as the desk's pollers use it. Every call may throw a MarketError. */
export interface MarketReader {
  readonly kind: MarketKind;
  readonly apiUrl: string;
  networkInfo(signal?: AbortSignal): Promise<NetworkInfo>;
  listTasks(query: TaskListQuery, signal?: AbortSignal): Promise<TaskPage>;
  /** null when the market says the task does not exist (or is not visible to the caller). */
  getTask(taskId: string, signal?: AbortSignal): Promise<Task | null>;
  getBids(taskId: string, signal?: AbortSignal): Promise<Bid[]>;
  getSubmissions(taskId: string, signal?: AbortSignal): Promise<Submission[]>;
  getPitches(taskId: string, signal?: AbortSignal): Promise<Pitch[]>;
  inbox(address: Address, signal?: AbortSignal): Promise<InboxView>;
  myBids(signal?: AbortSignal): Promise<MyBid[]>;
  balance(address: Address, signal?: AbortSignal): Promise<bigint>;
  agentStats(address: Address, signal?: AbortSignal): Promise<AgentStats>;
  /** Unread-first email list for the wallet's device; [] when the wallet has no device. */
  emails(opts: { limit?: number; unreadOnly?: boolean }, signal?: AbortSignal): Promise<Email[]>;
  markEmailRead(id: string, read: boolean, signal?: AbortSignal): Promise<void>;
}
