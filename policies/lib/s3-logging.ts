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
