/**
 * A pack's definition, kept apart from `new PolicyPack(...)`: constructing a PolicyPack starts the
 * analyzer's gRPC server (and a second one in a process exits it), so `policies/<pack>/index.ts`
 * only builds the PolicyPack from the pack's `pack.ts`, while the offline evaluator, the README
 * table and the tests import `pack.ts` and the policy modules.
 */
import type { EnforcementLevel, Policies } from "@pulumi/policy";

export interface PackDefinition {
    /** Pack name as registered with Pulumi, e.g. `spot-grid-encryption`. */
    readonly name: string;
    /** Directory under policies/, e.g. `encryption`; what `--pack` selects. */
    readonly dir: string;
    /** Semver of the pack; kept equal to the pack's package.json version (a test checks it). */
    readonly version: string;
    readonly description: string;
    /** Pack-wide default; each policy's own enforcementLevel wins. */
    readonly enforcementLevel: EnforcementLevel;
    readonly policies: Policies;
}
