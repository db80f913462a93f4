/**
 * s3-versioning: every S3 bucket has versioning Enabled, so an overwrite or delete of trading data
 * can be undone (and replication, which requires it, works). A stack policy: versioning is a
 * separate resource in aws 7.x (`s3.BucketVersioning`, deprecated `s3.BucketVersioningV2`) tied to
 * its bucket by the engine's dependency on `bucket` or by bucket name/id; the deprecated inline
 * `versioning: { enabled: true }` on Bucket/BucketV2 also counts. Suspended or Disabled fails.
 *
 * Severity: high. Enforcement: mandatory. Anchor: CKV_AWS_21.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import { BUCKET_KEYS, peek, refersTo, S3_BUCKET_TYPES } from "../lib/network";
import { asRecord, isTrue } from "../lib/resource-props";

const VERSIONING_TYPES = ["aws:s3/bucketVersioning:BucketVersioning", "aws:s3/bucketVersioningV2:BucketVersioningV2"];

export const s3Versioning: StackValidationPolicy = {
    name: "s3-versioning",
    description: "Every S3 bucket has versioning Enabled (s3.BucketVersioning, or the deprecated inline versioning).",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        const configs = args.resources.filter((r) => VERSIONING_TYPES.includes(r.type));
        for (const bucket of args.resources.filter((r) => S3_BUCKET_TYPES.includes(r.type))) {
            if (isTrue(asRecord(peek(bucket.props, "versioning"))?.enabled)) continue;
            const mine = configs.filter((c) => refersTo(c, "bucket", bucket, BUCKET_KEYS));
            const statuses = mine.map((c) => asRecord(peek(c.props, "versioningConfiguration"))?.status);
            if (statuses.includes("Enabled")) continue;
            if (mine.length === 0) {
                reportViolation(`Bucket '${bucket.name}' has no versioning configuration; add an aws.s3.BucketVersioning for it with versioningConfiguration.status "Enabled".`, bucket.urn);
            } else {
                reportViolation(`Bucket '${bucket.name}' versioning '${mine[0].name}' has status ${JSON.stringify(statuses[0])}; set versioningConfiguration.status to "Enabled".`, bucket.urn);
            }
        }
    },
};
