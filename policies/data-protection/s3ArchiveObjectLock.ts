/**
 * s3-archive-object-lock: an audit log archive keeps every log for a fixed time, whoever asks. A
 * bucket that CloudTrail, AWS Config or a VPC flow log delivers into (or that is tagged
 * `spot-grid:role = log-archive`) must have S3 Object Lock on (`objectLockEnabled`) and a default
 * retention (`aws.s3.BucketObjectLockConfiguration`, GOVERNANCE or COMPLIANCE) of at least
 * `minRetentionDays` (default 365), so no log version can be deleted or overwritten before then.
 * Object Lock also keeps versioning on for good.
 *
 * Severity: high. Enforcement: mandatory. Anchors: AWS Config's s3-bucket-default-lock-enabled,
 * Security Hub S3.15, the landing-zone log archive.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import { peek, stackIndex } from "../lib/resource-graph";
import { asList, asRecord, isTrue, prop } from "../lib/resource-props";
import { BUCKET_KEYS, S3_BUCKET_TYPES } from "../lib/s3-forms";
import { auditDeliveryTargetPredicate, OBJECT_LOCK_TYPES } from "../lib/s3-logging";

export const ARCHIVE_ROLE_TAG = { key: "spot-grid:role", value: "log-archive" } as const;
export const DEFAULT_MIN_RETENTION_DAYS = 365;

/** Days of a default retention (`days`, or `years` as 365 days each), or undefined. */
function retentionDays(defaultRetention: Record<string, unknown> | undefined): number | undefined {
    if (!defaultRetention) return undefined;
    if (typeof defaultRetention.days === "number") return defaultRetention.days;
    if (typeof defaultRetention.years === "number") return defaultRetention.years * 365;
    return undefined;
}

export const s3ArchiveObjectLock: StackValidationPolicy = {
    name: "s3-archive-object-lock",
    description: "Audit log archives (buckets CloudTrail, AWS Config or flow logs deliver into) have Object Lock with a default retention of at least minRetentionDays.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            minRetentionDays: { type: "integer", minimum: 1, default: DEFAULT_MIN_RETENTION_DAYS, description: "Fewest days of default Object Lock retention on an audit log archive." },
        },
    },
    validateStack: (args, reportViolation) => {
        const minDays = args.getConfig<{ minRetentionDays?: number }>().minRetentionDays ?? DEFAULT_MIN_RETENTION_DAYS;
        const index = stackIndex(args.resources);
        const isAuditTarget = auditDeliveryTargetPredicate(index);
        for (const bucket of index.ofType(S3_BUCKET_TYPES)) {
            const tags = asRecord(peek(bucket.props, "tags")) ?? {};
            if (!isAuditTarget(bucket) && tags[ARCHIVE_ROLE_TAG.key] !== ARCHIVE_ROLE_TAG.value) continue;
            const inline = asRecord(peek(bucket.props, "objectLockConfiguration"));
            const enabled = isTrue(peek(bucket.props, "objectLockEnabled")) || inline?.objectLockEnabled === "Enabled";
            const configs = index.referrers(OBJECT_LOCK_TYPES, "bucket", bucket, BUCKET_KEYS);
            const label = `Bucket '${bucket.name}' (an audit log archive)`;
            if (!enabled && !configs.some((c) => peek(c.props, "objectLockEnabled") === "Enabled")) {
                // The finding rests on these switches: one unknown in a preview (a computed output when
                // not set) is "can't run during preview", not "no Object Lock".
                prop(bucket.props, "objectLockEnabled");
                configs.forEach((c) => prop(c.props, "objectLockEnabled"));
                reportViolation(`${label} has no Object Lock, so its logs can be deleted or overwritten; set objectLockEnabled true on the bucket (S3 then keeps versioning on for good).`, bucket.urn);
                continue;
            }
            const retentions = [
                // Judged: a rule unknown in a preview is "can't run during preview", never "no retention".
                ...configs.map((c) => asRecord(asRecord(asList(prop(c.props, "rule"))[0])?.defaultRetention)),
                asRecord(asRecord(asList(inline?.rule)[0])?.defaultRetention),
            ].filter((r): r is Record<string, unknown> => r !== undefined);
            const best = Math.max(0, ...retentions.filter((r) => r.mode === "GOVERNANCE" || r.mode === "COMPLIANCE").map((r) => retentionDays(r) ?? 0));
            if (retentions.length === 0) {
                reportViolation(`${label} has Object Lock but no default retention, so new logs are not locked; add an aws.s3.BucketObjectLockConfiguration with rule.defaultRetention (GOVERNANCE or COMPLIANCE, days >= ${minDays}).`, bucket.urn);
            } else if (best < minDays) {
                reportViolation(`${label} locks new logs for ${best} days; set rule.defaultRetention to GOVERNANCE or COMPLIANCE for at least ${minDays} days.`, bucket.urn);
            }
        }
    },
};
