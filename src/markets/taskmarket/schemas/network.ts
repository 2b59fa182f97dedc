// GET /trpc/network.info → tRPC envelope `{result:{data:{networkName, chainId, usdcAddress}}}` (taskmarket-cli.md §3.5).
import { z } from 'zod';
import { address } from './common.js';

export const networkInfoSchema = z.object({
  result: z.object({
    data: z.object({
      networkName: z.string().max(200),
      chainId: z.number().int().positive(),
      usdcAddress: address,
    }),
  }),
});
