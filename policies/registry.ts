/**
 * Every policy pack of spot-grid, for the offline evaluator, `npm run plan`, the README table and
 * the pack tests. Imports each pack's `pack.ts`, never its `index.ts` (that starts a gRPC server).
 */
import type { PackDefinition } from "./lib/pack";
import { pack as dataProtection } from "./data-protection/pack";
import { pack as encryption } from "./encryption/pack";
import { pack as leastPrivilegeIam } from "./least-privilege-iam/pack";
import { pack as noPublicEgress } from "./no-public-egress/pack";

export const allPacks: PackDefinition[] = [encryption, leastPrivilegeIam, noPublicEgress, dataProtection];
