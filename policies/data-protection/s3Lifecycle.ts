/**
 * s3-lifecycle: every bucket has a lifecycle configuration that (1) aborts incomplete multipart
 * uploads (they are billed and invisible), (2) archives (transitions to Glacier classes) rather
 * than expires current data: records are kept for audit. Expiring NONCURRENT versions and expired
 * delete markers is fine. Judges `s3.BucketLifecycleConfiguration` / deprecated `...V2` (tied to the
 * bucket by dependency or name) and the deprecated inline `lifecycleRules` of Bucket/BucketV2.
 * `requireTransition` (default true) can be turned off for a team whose buckets hold nothing
 * worth archiving.
 *
 * Severity: medium. Enforcement: mandatory. Anchors: CKV2_AWS_61, CKV_AWS_300.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lifecycle-mgmt.html
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import { peek, stackIndex } from "../lib/resource-graph";
import { asList, asRecord, isTrue } from "../lib/resource-props";
import { BUCKET_KEYS, S3_BUCKET_TYPES } from "../lib/s3-forms";

const LIFECYCLE_TYPES = ["aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2"];

/** One enabled lifecycle rule, split or inline, reduced to what this policy asks. */
interface Rule {
    id: string;
    abortsMultipart: boolean;
    expiresCurrent: boolean;
    transitions: boolean;
}

function splitRules(rules: unknown): Rule[] {
    return asList(rules).flatMap((raw, i) => {
        const r = asRecord(raw) ?? {};
        if (r.status !== "Enabled") return [];
        const exp = asRecord(asList(r.expiration)[0]);
        const abort = asRecord(asList(r.abortIncompleteMultipartUpload)[0]);
        return [{ id: String(r.id ?? `rules[${i}]`), abortsMultipart: abort?.daysAfterInitiation !== undefined, expiresCurrent: !!exp && (exp.days !== undefined || exp.date !== undefined), transitions: asList(r.transitions).length > 0 }];
    });
}

function inlineRules(rules: unknown): Rule[] {
    return asList(rules).flatMap((raw, i) => {
        const r = asRecord(raw) ?? {};
        if (!isTrue(r.enabled)) return [];
        const exps = [...asList(r.expirations), ...asList(r.expiration)].map((e) => asRecord(e) ?? {});
        return [{ id: String(r.id ?? `lifecycleRules[${i}]`), abortsMultipart: r.abortIncompleteMultipartUploadDays !== undefined, expiresCurrent: exps.some((e) => e.days !== undefined || e.date !== undefined), transitions: asList(r.transitions).length > 0 }];
    });
}

export const s3Lifecycle: StackValidationPolicy = {
    name: "s3-lifecycle",
    description: "Every bucket has a lifecycle that aborts incomplete multipart uploads and archives (transitions) rather than expires current data.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            requireTransition: { type: "boolean", default: true, description: "Require at least one transition (archival) rule on every bucket." },
        },
    },
    validateStack: (args, reportViolation) => {
        const requireTransition = args.getConfig<{ requireTransition?: boolean }>().requireTransition ?? true;
        const index = stackIndex(args.resources);
        for (const bucket of index.ofType(S3_BUCKET_TYPES)) {
            const mine = index.referrers(LIFECYCLE_TYPES, "bucket", bucket, BUCKET_KEYS);
            const inline = asList(peek(bucket.props, "lifecycleRules"));
            if (mine.length === 0 && inline.length === 0) {
                reportViolation(`Bucket '${bucket.name}' has no lifecycle configuration; add an aws.s3.BucketLifecycleConfiguration with an abortIncompleteMultipartUpload rule and transitions to Glacier classes.`, bucket.urn);
                continue;
            }
            const rules = [...inlineRules(inline), ...mine.flatMap((c) => splitRules(peek(c.props, "rules")))];
            if (!rules.some((r) => r.abortsMultipart)) {
                reportViolation(`Bucket '${bucket.name}' lifecycle has no enabled abortIncompleteMultipartUpload rule; add one (e.g. daysAfterInitiation: 7).`, bucket.urn);
            }
            for (const r of rules.filter((x) => x.expiresCurrent)) {
                reportViolation(`Bucket '${bucket.name}' lifecycle rule '${r.id}' expires current objects; archive them with transitions (GLACIER/DEEP_ARCHIVE) instead and expire only noncurrent versions.`, bucket.urn);
            }
            if (requireTransition && !rules.some((r) => r.transitions)) {
                reportViolation(`Bucket '${bucket.name}' lifecycle has no transition rule; archive older data to a Glacier storage class.`, bucket.urn);
            }
        }
    },
};
