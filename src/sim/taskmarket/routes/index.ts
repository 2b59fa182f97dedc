// Every simulator route module, in one list. Each owner adds exactly one import line and one entry for
// its own module (modules export `routes: Route<Sim>[]`). Order matters only for identical patterns.
import type { Route } from '../../router.js';
import type { Sim } from '../../sim.js';
import { routes as admin } from '../../admin.js';
import { routes as faults } from '../../faults.js';
import { routes as seed } from '../seed-tasks.js';
import { routes as tasks } from './tasks.js';
import { routes as auctions } from './auctions.js';
import { routes as privateAccess } from './private-access.js';
import { routes as intents } from './intents.js';
import { routes as accountDevices } from './devices.js';
import { routes as accountLegal } from './legal.js';
import { routes as accountNetwork } from './network.js';
import { routes as accountIdentity } from './identity.js';
import { routes as accountAgents } from './agents.js';
import { routes as accountWallet } from './wallet.js';
import { routes as accountWithdraw } from './withdraw.js';
import { routes as accountEmail } from './email.js';
import { routes as accountXmtp } from './xmtp.js';
import { routes as modeClaims } from './claims.js';
import { routes as modePitches } from './pitches.js';
import { routes as modeProofs } from './proofs.js';
import { routes as modeSubmissions } from './submissions.js';
import { routes as modeFiles } from './files.js';
import { routes as modeAcceptance } from './acceptance.js';
import { routes as modeEvaluations } from './evaluations.js';

export const allRoutes: Route<Sim>[] = [
  ...admin,
  ...faults,
  ...seed,
  ...tasks,
  ...auctions,
  ...privateAccess,
  ...intents,
  ...accountDevices,
  ...accountLegal,
  ...accountNetwork,
  ...accountIdentity,
  ...accountAgents,
  ...accountWallet,
  ...accountWithdraw,
  ...accountEmail,
  ...accountXmtp,
  ...modeClaims,
  ...modePitches,
  ...modeProofs,
  ...modeSubmissions,
  ...modeFiles,
  ...modeAcceptance,
  ...modeEvaluations,
];
