/**
 * s3-lifecycle: every bucket has a lifecycle configuration that (1) aborts incomplete multipart
 * uploads (they are billed and invisible), (2) archives (transitions to Glacier classes) rather
 * than expires current data: records are kept for audit. Expiring NONCURRENT versions and expired
 * delete markers is fine. Judges `s3.BucketLifecycleConfiguration` / deprecated `...V2` (tied to the
 * bucket by dependency or name) and the deprecated inline `lifecycleRules` of Bucket/BucketV2.
 * A lifecycle configuration aimed at a bucket this stack does not create is judged on its own.
 * `requireTransition` (default true) can be turned off for a team whose buckets hold nothing
 * worth archiving.
 *
 * Logs are the one current data that may expire, and only on a bucket that is a server access
 * logging target or an audit log archive (CloudTrail, AWS Config or flow logs deliver into it),
 * after at least `minLogRetentionDays` (default 365): the retention an operator
 * sets with `spot-grid:storage.logRetentionDays` (docs/data.md), which config validation already
 * keeps beyond the 180 days Deep Archive bills.
 *
 * Severity: medium. Enforcement: mandatory. Anchors: CKV2_AWS_61, CKV_AWS_300.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lifecycle-mgmt.html
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import { peek, stackIndex } from "../lib/resource-graph";
import { asList, asRecord, isTrue, prop } from "../lib/resource-props";
import { BUCKET_KEYS, S3_BUCKET_TYPES } from "../lib/s3-forms";
import { auditDeliveryTargetPredicate, auditDeliveryTargets, logTargetPredicate, logTargetValues } from "../lib/s3-logging";

const LIFECYCLE_TYPES = ["aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2"];

/** One enabled lifecycle rule, split or inline, reduced to what this policy asks. */
interface Rule {
    id: string;
    abortsMultipart: boolean;
    expiresCurrent: boolean;
    /** Days after which current objects expire, when the rule says so in days. */
    expiresAfterDays?: number;
    transitions: boolean;
}

/** Fewest days access logs must be kept before a lifecycle may expire them. */
export const DEFAULT_MIN_LOG_RETENTION_DAYS = 365;

const days = (v: unknown): number | undefined => (typeof v === "number" ? v : undefined);

function splitRules(rules: unknown): Rule[] {
    return asList(rules).flatMap((raw, i) => {
        const r = asRecord(raw) ?? {};
        if (r.status !== "Enabled") return [];
        const exp = asRecord(asList(r.expiration)[0]);
        const abort = asRecord(asList(r.abortIncompleteMultipartUpload)[0]);
        const expiresCurrent = !!exp && (exp.days !== undefined || exp.date !== undefined);
        return [{ id: String(r.id ?? `rules[${i}]`), abortsMultipart: abort?.daysAfterInitiation !== undefined, expiresCurrent, expiresAfterDays: exp?.date === undefined ? days(exp?.days) : undefined, transitions: asList(r.transitions).length > 0 }];
    });
}

function inlineRules(rules: unknown): Rule[] {
    return asList(rules).flatMap((raw, i) => {
        const r = asRecord(raw) ?? {};
        if (!isTrue(r.enabled)) return [];
        const exps = [...asList(r.expirations), ...asList(r.expiration)].map((e) => asRecord(e) ?? {});
        const expiring = exps.filter((e) => e.days !== undefined || e.date !== undefined);
        const expiresAfterDays = expiring.every((e) => e.date === undefined) ? Math.min(...expiring.map((e) => days(e.days) ?? 0)) : undefined;
        return [{ id: String(r.id ?? `lifecycleRules[${i}]`), abortsMultipart: r.abortIncompleteMultipartUploadDays !== undefined, expiresCurrent: expiring.length > 0, expiresAfterDays, transitions: asList(r.transitions).length > 0 }];
    });
}

interface Judged {
    /** Whose lifecycle, for messages: `Bucket 'data' lifecycle`. */
    readonly whose: string;
    readonly isLogTarget: boolean;
}

/** What is wrong with a bucket's lifecycle rules, one message each. */
function problems(b: Judged, rules: Rule[], cfg: { requireTransition: boolean; minLogRetentionDays: number }): string[] {
    const out: string[] = [];
    if (!rules.some((r) => r.abortsMultipart)) out.push(`${b.whose} has no enabled abortIncompleteMultipartUpload rule; add one (e.g. daysAfterInitiation: 7).`);
    for (const r of rules.filter((x) => x.expiresCurrent)) {
        if (b.isLogTarget && r.expiresAfterDays !== undefined && r.expiresAfterDays >= cfg.minLogRetentionDays) continue;
        out.push(
            b.isLogTarget
                ? `${b.whose} rule '${r.id}' expires access logs ${r.expiresAfterDays === undefined ? "on a date" : `after ${r.expiresAfterDays} days`}; keep them at least ${cfg.minLogRetentionDays} days (expiration.days >= ${cfg.minLogRetentionDays}) or archive them instead.`
                : `${b.whose} rule '${r.id}' expires current objects; archive them with transitions (GLACIER/DEEP_ARCHIVE) instead and expire only noncurrent versions.`,
        );
    }
    if (cfg.requireTransition && !rules.some((r) => r.transitions)) out.push(`${b.whose} has no transition rule; archive older data to a Glacier storage class.`);
    return out;
}

export const s3Lifecycle: StackValidationPolicy = {
    name: "s3-lifecycle",
    description: "Every bucket has a lifecycle that aborts incomplete multipart uploads and archives (transitions) rather than expires current data; log buckets (access logs, audit archives) may expire logs after minLogRetentionDays.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            requireTransition: { type: "boolean", default: true, description: "Require at least one transition (archival) rule on every bucket." },
            minLogRetentionDays: {
                type: "integer",
                minimum: 1,
                default: DEFAULT_MIN_LOG_RETENTION_DAYS,
                description: "Fewest days a server access log target may keep current objects before a lifecycle rule expires them.",
            },
        },
    },
    validateStack: (args, reportViolation) => {
        const given = args.getConfig<{ requireTransition?: boolean; minLogRetentionDays?: number }>();
        const cfg = { requireTransition: given.requireTransition ?? true, minLogRetentionDays: given.minLogRetentionDays ?? DEFAULT_MIN_LOG_RETENTION_DAYS };
        const index = stackIndex(args.resources);
        const buckets = index.ofType(S3_BUCKET_TYPES);
        const isAccessLogTarget = logTargetPredicate(index);
        const isAuditTarget = auditDeliveryTargetPredicate(index);
        const isLogTarget = (b: (typeof buckets)[number]) => isAccessLogTarget(b) || isAuditTarget(b);
        for (const bucket of buckets) {
            const mine = index.referrers(LIFECYCLE_TYPES, "bucket", bucket, BUCKET_KEYS);
            // The deprecated inline rules are a computed output of the bucket (unknown in a preview when
            // not set): only known ones count. The split resource's rules are judged: unknown in a
            // preview is "can't run during preview", never "no rules".
            const inline = asList(peek(bucket.props, "lifecycleRules"));
            if (mine.length === 0 && inline.length === 0) {
                reportViolation(`Bucket '${bucket.name}' has no lifecycle configuration; add an aws.s3.BucketLifecycleConfiguration with an abortIncompleteMultipartUpload rule and transitions to Glacier classes.`, bucket.urn);
                continue;
            }
            const rules = [...inlineRules(inline), ...mine.flatMap((c) => splitRules(prop(c.props, "rules")))];
            for (const m of problems({ whose: `Bucket '${bucket.name}' lifecycle`, isLogTarget: isLogTarget(bucket) }, rules, cfg)) reportViolation(m, bucket.urn);
        }
        // Lifecycles for buckets this stack does not create, judged on their own.
        const elsewhere = index.aimedElsewhere(LIFECYCLE_TYPES, "bucket", buckets, BUCKET_KEYS);
        const targets = elsewhere.length === 0 ? new Set<unknown>() : new Set<unknown>([...logTargetValues(index), ...auditDeliveryTargets(index)]);
        for (const config of elsewhere) {
            const bucketName = peek(config.props, "bucket");
            const judged = { whose: `Lifecycle '${config.name}' for bucket ${JSON.stringify(bucketName)} (not created by this stack)`, isLogTarget: targets.has(bucketName) };
            for (const m of problems(judged, splitRules(prop(config.props, "rules")), cfg)) reportViolation(m, config.urn);
        }
    },
};
