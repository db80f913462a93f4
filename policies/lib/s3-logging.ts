/**
 * Which buckets receive S3 server access logs. Two policies need it: logging targets are exempt
 * from access logging themselves (logging a log bucket into itself loops), and they are the one
 * place SSE-S3 is allowed, because S3 server access logging delivers only to targets whose
 * default encryption is SSE-S3.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/troubleshooting-server-access-logging.html
 */
import { peek, LinkedResource, StackIndex } from "./resource-graph";
import { asList, asRecord } from "./resource-props";
import { BUCKET_KEYS, S3_BUCKET_TYPES } from "./s3-forms";

export const LOGGING_TYPES: readonly string[] = ["aws:s3/bucketLogging:BucketLogging", "aws:s3/bucketLoggingV2:BucketLoggingV2"];

/** The deprecated inline logging blocks of a bucket (`loggings` in aws 7.x, `logging` before). */
export function inlineLoggings(bucket: LinkedResource): Record<string, unknown>[] {
    return [...asList(peek(bucket.props, "loggings")), ...asList(peek(bucket.props, "logging"))].map((l) => asRecord(l) ?? {});
}

/** The bucket names (or ids) logging configurations and inline loggings name as their target. */
export function logTargetValues(index: StackIndex): Set<unknown> {
    const values = new Set<unknown>([
        ...index.ofType(LOGGING_TYPES).map((l) => peek(l.props, "targetBucket")),
        ...index.ofType(S3_BUCKET_TYPES).flatMap((b) => inlineLoggings(b).map((l) => l.targetBucket)),
    ]);
    values.delete(undefined);
    return values;
}

/** A predicate answering "is this bucket a server access log target?" in constant time per bucket. */
export function logTargetPredicate(index: StackIndex): (bucket: LinkedResource) => boolean {
    const inlineTargets = new Set(index.ofType(S3_BUCKET_TYPES).flatMap((b) => inlineLoggings(b).map((l) => l.targetBucket)));
    inlineTargets.delete(undefined);
    return (bucket) =>
        index.referrers(LOGGING_TYPES, "targetBucket", bucket, BUCKET_KEYS).length > 0 ||
        BUCKET_KEYS.some((k) => {
            const v = peek(bucket.props, k);
            return v !== undefined && inlineTargets.has(v);
        });
}

const TRAIL_TYPE = "aws:cloudtrail/trail:Trail";
/** S3 Object Lock configurations (aws 7.x, and the deprecated V2 token). */
export const OBJECT_LOCK_TYPES: readonly string[] = ["aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration", "aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2"];
const DELIVERY_CHANNEL_TYPE = "aws:cfg/deliveryChannel:DeliveryChannel";
const FLOW_LOG_TYPE = "aws:ec2/flowLog:FlowLog";

/** The bucket name of an S3 ARN (`arn:aws:s3:::bucket/optional/folder`), or undefined. */
function bucketOfS3Arn(value: unknown): string | undefined {
    if (typeof value !== "string") return undefined;
    const m = /^arn:aws[a-z-]*:s3:::([^/]+)/.exec(value);
    return m?.[1];
}

/**
 * The bucket names audit logs are delivered to: CloudTrail trails (`s3BucketName`), AWS Config
 * delivery channels (`s3BucketName`) and VPC flow logs published to S3 (`logDestination`). Like
 * server access log targets, these are log buckets: they hold logs, not data.
 */
export function auditDeliveryTargets(index: StackIndex): Set<string> {
    const names = new Set<string>();
    for (const r of index.ofType([TRAIL_TYPE, DELIVERY_CHANNEL_TYPE])) {
        const name = peek(r.props, "s3BucketName");
        if (typeof name === "string" && name !== "") names.add(name);
    }
    for (const f of index.ofType(FLOW_LOG_TYPE)) {
        if (peek(f.props, "logDestinationType") !== "s3") continue;
        const name = bucketOfS3Arn(peek(f.props, "logDestination"));
        if (name) names.add(name);
    }
    return names;
}

/**
 * "Does CloudTrail, AWS Config or a flow log deliver into this bucket?" in constant time per bucket:
 * by the delivery's engine dependency on the bucket (preview, names unknown) or by the name.
 */
export function auditDeliveryTargetPredicate(index: StackIndex): (bucket: LinkedResource) => boolean {
    const targets = auditDeliveryTargets(index);
    return (bucket) =>
        index.referrers([TRAIL_TYPE, DELIVERY_CHANNEL_TYPE], "s3BucketName", bucket, BUCKET_KEYS).length > 0 ||
        index.referrers([FLOW_LOG_TYPE], "logDestination", bucket, []).some((f) => peek(f.props, "logDestinationType") === "s3") ||
        BUCKET_KEYS.some((k) => {
            const v = peek(bucket.props, k);
            return typeof v === "string" && targets.has(v);
        });
}
