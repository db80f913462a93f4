/**
 * The audit part's wiring: validated `spot-grid:audit` config and the stack set -> RegionalAudit
 * arguments (the grid adds the VPC, endpoints, operators and alarm topic).
 */
import type { RegionalGridArgs } from "../components/grid";
import { StackConfig } from "./config";

export function auditArgs(config: StackConfig, stacks: readonly StackConfig[]): NonNullable<RegionalGridArgs["audit"]> {
    const a = config.audit;
    return {
        trail: a.trail,
        trailLogRetentionDays: a.trailLogRetentionDays,
        retention: {
            objectLockDays: a.archive.objectLockDays,
            objectLockMode: a.archive.objectLockMode === "compliance" ? "COMPLIANCE" : "GOVERNANCE",
            archiveAfterDays: a.archive.archiveAfterDays,
            deepArchiveAfterDays: a.archive.deepArchiveAfterDays,
            expireAfterDays: a.archive.expireAfterDays,
        },
        // The account trail records every grid data bucket's object reads and writes.
        gridStacks: stacks.map((s) => ({ stack: s.stack, region: s.region })),
    };
}
