// The 402 challenge body (taskmarket-backend.md §5.3 producer 2; taskmarket-cli.md §2.1 step 3).
import { z } from 'zod';
import { address, baseUnits } from './common.js';

const typedField = z.object({ name: z.string().max(100), type: z.string().max(100) });

export const paymentRequirementsSchema = z.object({
  scheme: z.string().max(50),
  network: z.string().regex(/^eip155:[0-9]{1,12}$/, { error: 'expected a CAIP-2 eip155 network' }),
  amount: baseUnits,
  asset: address,
  payTo: address,
  maxTimeoutSeconds: z.number().int(),
  extra: z
    .object({
      name: z.string().max(200).optional(),
      version: z.string().max(50).optional(),
      eip712: z
        .object({
          domain: z.object({
            name: z.string().max(200),
            version: z.string().max(50),
            chainId: z.union([z.number().int(), z.string().regex(/^[0-9]{1,12}$/)]).transform(Number),
            verifyingContract: address,
          }),
          types: z.record(z.string().max(100), z.array(typedField).max(20)),
          primaryType: z.string().max(100),
        })
        .optional(),
    })
    .passthrough()
    .default({}),
});
export type WirePaymentRequirements = z.infer<typeof paymentRequirementsSchema>;

export const paymentRequiredSchema = z.object({
  x402Version: z.number().int(),
  error: z.string().max(2000).optional(),
  resource: z.unknown().optional(),
  accepts: z.array(paymentRequirementsSchema).max(20),
});
export type WirePaymentRequired = z.infer<typeof paymentRequiredSchema>;
