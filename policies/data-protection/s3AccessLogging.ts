/**
 * s3-access-logging: every bucket's object access is recorded, by server access logging
 * (`s3.BucketLogging` / deprecated `s3.BucketLoggingV2` tied to the bucket, or the deprecated
 * inline `loggings`/`logging`) or by CloudTrail data events in the same stack (`cloudtrail.Trail`
 * `eventSelectors[].dataResources` of type `AWS::S3::Object` naming the bucket or all of S3
 * (`arn:aws:s3`), or advanced selectors on `resources.type` = `AWS::S3::Object`). Buckets that are
 * themselves logging targets are exempt (logging a log bucket into itself loops), and so are the
 * buckets CloudTrail, AWS Config or S3 flow logs deliver into (audit log archives: they hold logs).
 *
 * A server access log target must not have S3 Object Lock: S3 cannot deliver server access logs
 * to such a bucket, so the logs would silently never arrive.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock-configure.html
 *
 * A logging configuration never sends a bucket's logs into that same bucket, whether the bucket is
 * this stack's or one it does not create: AWS writes logs about those log writes, without end.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html ("infinite loop of logs")
 *
 * Severity: medium. Enforcement: mandatory (audit trail of trading data). Anchors: CKV_AWS_18,
 * AwsSolutions-S1.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/logging-with-S3.html
 */
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { peek, stackIndex } from "../lib/resource-graph";
import { asList, asRecord, isTrue } from "../lib/resource-props";
import { BUCKET_KEYS, S3_BUCKET_TYPES } from "../lib/s3-forms";
import { auditDeliveryTargetPredicate, inlineLoggings, LOGGING_TYPES, logTargetPredicate, OBJECT_LOCK_TYPES } from "../lib/s3-logging";
const TRAIL = "aws:cloudtrail/trail:Trail";

/** ARN prefixes of S3 objects whose data events a trail records. */
function trailObjectPrefixes(trail: PolicyResource): string[] {
    const basic = asList(peek(trail.props, "eventSelectors")).flatMap((s) =>
        asList(asRecord(s)?.dataResources).flatMap((d) => {
            const r = asRecord(d) ?? {};
            return r.type === "AWS::S3::Object" ? asList(r.values).map(String) : [];
        }),
    );
    const advanced = asList(peek(trail.props, "advancedEventSelectors")).flatMap((s) => {
        const fields = asList(asRecord(s)?.fieldSelectors).map((f) => asRecord(f) ?? {});
        const isObject = fields.some((f) => f.field === "resources.type" && asList(f.equals).includes("AWS::S3::Object"));
        if (!isObject) return [];
        const arns = fields.filter((f) => f.field === "resources.ARN").flatMap((f) => [...asList(f.startsWith), ...asList(f.equals)].map(String));
        return arns.length > 0 ? arns : ["arn:aws:s3"];
    });
    return [...basic, ...advanced];
}

/**
 * Answers "does a trail record this object ARN prefix?" without a scan per bucket: a trail prefix
 * covers the bucket when one starts the other (sorted prefixes, binary search for the longer side).
 */
function trailCoverage(prefixes: string[]): (arn: string | undefined) => boolean {
    const all = prefixes.some((p) => p === "arn:aws:s3" || p === "arn:aws:s3:::");
    const set = new Set(prefixes);
    const sorted = [...set].sort();
    return (arn) => {
        if (all) return true;
        if (arn === undefined) return false;
        for (let j = 0; j <= arn.length; j++) if (set.has(arn.slice(0, j))) return true; // arn.startsWith(p)
        let lo = 0;
        let hi = sorted.length;
        while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (sorted[mid] < arn) lo = mid + 1;
            else hi = mid;
        }
        return lo < sorted.length && sorted[lo].startsWith(arn); // p.startsWith(arn)
    };
}

export const s3AccessLogging: StackValidationPolicy = {
    name: "s3-access-logging",
    description: "Every bucket has server access logging or CloudTrail S3 data events; log targets (access logs, CloudTrail, Config, flow logs) are exempt; no access log target has Object Lock.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        const index = stackIndex(args.resources);
        const buckets = index.ofType(S3_BUCKET_TYPES);
        const isLogTarget = logTargetPredicate(index);
        const isAuditTarget = auditDeliveryTargetPredicate(index);
        const covered = trailCoverage(index.ofType(TRAIL).flatMap(trailObjectPrefixes));
        for (const logging of index.ofType(LOGGING_TYPES)) {
            const source = peek(logging.props, "bucket");
            const target = peek(logging.props, "targetBucket");
            const sourceDeps = new Set((logging.propertyDependencies?.bucket ?? []).map((d) => d.urn));
            const sameResource = (logging.propertyDependencies?.targetBucket ?? []).some((d) => sourceDeps.has(d.urn));
            if ((source !== undefined && source === target) || sameResource) {
                reportViolation(`Logging '${logging.name}' sends the server access logs of bucket ${JSON.stringify(source ?? target)} into that same bucket, an endless loop of logs about logs; set targetBucket to a separate log bucket.`, logging.urn);
            }
        }
        for (const bucket of buckets) {
            const own = peek(bucket.props, "bucket");
            if (own !== undefined && inlineLoggings(bucket).some((l) => l.targetBucket === own)) {
                reportViolation(`Bucket '${bucket.name}' sends its server access logs into itself (inline logging), an endless loop of logs about logs; send them to a separate log bucket.`, bucket.urn);
            }
        }
        const logTargets = new Set(buckets.filter(isLogTarget));
        for (const bucket of logTargets) {
            const locked = isTrue(peek(bucket.props, "objectLockEnabled")) || asRecord(peek(bucket.props, "objectLockConfiguration"))?.objectLockEnabled === "Enabled" || index.referrers(OBJECT_LOCK_TYPES, "bucket", bucket, BUCKET_KEYS).length > 0;
            if (locked) {
                reportViolation(`Bucket '${bucket.name}' receives S3 server access logs but has Object Lock, and S3 does not deliver access logs to a bucket with Object Lock; send them to a log bucket without it.`, bucket.urn);
            }
        }
        for (const bucket of buckets) {
            if (logTargets.has(bucket) || isAuditTarget(bucket)) continue;
            if (index.referrers(LOGGING_TYPES, "bucket", bucket, BUCKET_KEYS).length > 0) continue;
            if (inlineLoggings(bucket).some((l) => l.targetBucket)) continue;
            const name = peek(bucket.props, "bucket");
            const arn = typeof name === "string" ? `arn:aws:s3:::${name}/` : undefined;
            if (covered(arn)) continue;
            reportViolation(`Bucket '${bucket.name}' has no access logging; add an aws.s3.BucketLogging sending its server access logs to the log bucket, or record its object data events in a CloudTrail trail.`, bucket.urn);
        }
    },
};
