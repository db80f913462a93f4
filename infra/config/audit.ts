/**
 * `spot-grid:audit`: the log archive, the account trail and who reads the audit logs
 * (docs/audit.md). Every field is optional; one stack of the set is the audit home (`trail`).
 */
import { z } from "zod";
import { DEFAULT_ARCHIVE_RETENTION, validateArchiveRetention } from "../../components/audit/archive-lifecycle";
import { FLOW_LOG_RETENTION_DAYS } from "../../components/network/flow-log-policies";
import { at, ConfigError } from "./errors";
import { quote } from "./messages";
import { ROLE_ARN } from "./operators";
import type { StackConfig } from "./stack";

export const TRAIL_MODES = ["account", "organization"] as const;
/** Days the trail's CloudWatch Logs group keeps events: a year of searchable history, as for the flow logs. */
export const DEFAULT_TRAIL_LOG_RETENTION_DAYS = 365;

const days = () =>
    z
        .number()
        .int({ error: (iss) => `must be a whole number of days; got ${quote(iss.input)}` })
        .min(1, { error: (iss) => `must be at least 1 day; got ${quote(iss.input)}` });

const archiveSchema = z
    .object({
        /** Days Object Lock keeps each archived log version from deletion or overwrite. @default 365 */
        objectLockDays: days().default(DEFAULT_ARCHIVE_RETENTION.objectLockDays),
        /** `governance` (default): a bucket-policy change is needed before anyone may bypass the lock; `compliance`: nobody ever can, root included. */
        objectLockMode: z.enum(["governance", "compliance"], { message: 'must be "governance" or "compliance"' }).default("governance"),
        /** Days before logs move to Glacier Flexible Retrieval. @default 90 */
        archiveAfterDays: days().default(DEFAULT_ARCHIVE_RETENTION.archiveAfterDays),
        /** Days before logs move to Glacier Deep Archive. @default 365 */
        deepArchiveAfterDays: days().default(DEFAULT_ARCHIVE_RETENTION.deepArchiveAfterDays),
        /** Days after which logs are deleted; unset keeps them (archived) for good. @default never */
        expireAfterDays: days().optional(),
    })
    .strict()
    .superRefine((a, ctx) => {
        // The component's own rules, so config and code agree; each message starts with its field.
        for (const message of validateArchiveRetention({ ...a, objectLockMode: a.objectLockMode.toUpperCase() as "GOVERNANCE" | "COMPLIANCE" })) {
            ctx.addIssue({ code: "custom", message, path: [message.split(/[ (]/)[0]] });
        }
    });

export const auditSchema = z
    .object({
        /**
         * Set in exactly one stack, the audit home, which records the account-wide things (IAM in
         * AWS Config, the account-wide rules): `account` creates the multi-region trail there;
         * `organization` creates none, because the account's organisation trail records it.
         */
        trail: z.enum(TRAIL_MODES, { message: 'must be "account" or "organization"' }).optional(),
        /**
         * The auditor's role (a role of the stack's account, verified to exist): reads the log
         * archive through the region's S3 endpoints. @default none (the plan warns)
         */
        auditorRoleArn: z
            .string()
            .regex(ROLE_ARN, { error: (iss) => `${JSON.stringify(iss.input)} is not an IAM role ARN; give the auditor's role, like arn:aws:iam::111122223333:role/spot-grid-auditor` })
            .optional(),
        /** Days the trail's CloudWatch Logs group keeps events (audit home with trail: account). */
        trailLogRetentionDays: z
            .number()
            .refine((n) => FLOW_LOG_RETENTION_DAYS.includes(n), { message: `must be a CloudWatch Logs retention: one of ${FLOW_LOG_RETENTION_DAYS.join(", ")}` })
            .default(DEFAULT_TRAIL_LOG_RETENTION_DAYS),
        archive: archiveSchema.default({ ...DEFAULT_ARCHIVE_RETENTION, objectLockMode: "governance" }),
    })
    .strict();

export type AuditConfig = z.infer<typeof auditSchema>;

/** The one stack of the set that holds the account's audit (`spot-grid:audit.trail`), if any. @throws ConfigError for two */
export function auditHome(stacks: readonly StackConfig[]): StackConfig | undefined {
    const homes = stacks.filter((s) => s.audit.trail !== undefined);
    if (homes.length > 1) {
        const [first, second] = homes;
        throw new ConfigError(
            `${at(second.file, "spot-grid:audit", ["trail"])}: ${first.stack} already holds the account's audit (${first.file}: trail ${first.audit.trail}); set trail in one stack only and remove it here`,
        );
    }
    return homes[0];
}

/** The auditor must be a role of the stack's own account (the archive key grants only its account's roles). */
export function checkAuditor(c: StackConfig): void {
    const auditor = c.audit.auditorRoleArn;
    const operators = [c.operators.deployerRoleArn, c.operators.previewRoleArn, c.operators.driftRoleArn].filter((a): a is string => !!a);
    if (auditor && operators.length > 0 && auditor.split(":")[4] !== operators[0].split(":")[4]) {
        throw new ConfigError(
            `${at(c.file, "spot-grid:audit", ["auditorRoleArn"])}: ${auditor} is in another account than the operator roles (${operators[0].split(":")[4]}); the auditor must be a role of the stack's own account`,
        );
    }
}

/** One-line warnings about audit settings that leave something unattended. */
export function auditWarnings(c: StackConfig, stacks: readonly StackConfig[]): string[] {
    const warnings: string[] = [];
    if (!c.audit.auditorRoleArn) {
        warnings.push(`${c.file}: spot-grid:audit.auditorRoleArn not set: nobody can read ${c.stack}'s log archive; set the auditor's role`);
    }
    const set = stacks.some((s) => s.stack === c.stack) ? stacks : [...stacks, c];
    const first = [...set].sort((a, b) => a.stack.localeCompare(b.stack))[0];
    if (first.stack === c.stack && set.every((s) => s.audit.trail === undefined)) {
        warnings.push(
            `${c.file}: spot-grid:audit.trail not set in any stack: no trail records the account's management events, so the key-state and CIS alarms see nothing; set trail: account in the primary's stack file (or organization when an organisation trail records the account)`,
        );
    }
    if (c.audit.trail === "organization") {
        warnings.push(
            `${c.file}: spot-grid:audit.trail is organization: the CIS metric-filter alarms are not created here (the organisation trail's log group is in the management account); create them there`,
        );
    }
    return warnings;
}
