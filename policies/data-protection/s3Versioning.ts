/**
 * s3-versioning: every S3 bucket has versioning Enabled, so an overwrite or delete of trading data
 * can be undone (and replication, which requires it, works). A stack policy: versioning is a
 * separate resource in aws 7.x (`s3.BucketVersioning`, deprecated `s3.BucketVersioningV2`) tied to
 * its bucket by the engine's dependency on `bucket` or by bucket name/id; the deprecated inline
 * `versioning: { enabled: true }` on Bucket/BucketV2 also counts. Suspended or Disabled fails.
 * A versioning configuration aimed at a bucket this stack does not create (an existing bucket
 * named by hand) is judged on its own: it too must say Enabled.
 *
 * Severity: high. Enforcement: mandatory. Anchor: CKV_AWS_21.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import { peek, stackIndex } from "../lib/resource-graph";
import { asRecord, isTrue, prop } from "../lib/resource-props";
import { BUCKET_KEYS, S3_BUCKET_TYPES } from "../lib/s3-forms";

const VERSIONING_TYPES = ["aws:s3/bucketVersioning:BucketVersioning", "aws:s3/bucketVersioningV2:BucketVersioningV2"];

export const s3Versioning: StackValidationPolicy = {
    name: "s3-versioning",
    description: "Every S3 bucket has versioning Enabled (s3.BucketVersioning, or the deprecated inline versioning).",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        const index = stackIndex(args.resources);
        const buckets = index.ofType(S3_BUCKET_TYPES);
        for (const config of index.aimedElsewhere(VERSIONING_TYPES, "bucket", buckets, BUCKET_KEYS)) {
            const status = prop(config.props, "versioningConfiguration", "status");
            if (status === "Enabled") continue;
            reportViolation(
                `Versioning '${config.name}' for bucket ${JSON.stringify(peek(config.props, "bucket"))} (not created by this stack) has status ${JSON.stringify(status)}; set versioningConfiguration.status to "Enabled".`,
                config.urn,
            );
        }
        for (const bucket of buckets) {
            // The deprecated inline form is a computed output of the bucket (unknown in a preview when not
            // set): only a known `enabled` counts. The split resource's status is judged: unknown in a
            // preview is "can't run during preview", never a status that is not Enabled.
            if (isTrue(asRecord(peek(bucket.props, "versioning"))?.enabled)) continue;
            const mine = index.referrers(VERSIONING_TYPES, "bucket", bucket, BUCKET_KEYS);
            const statuses = mine.map((c) => prop(c.props, "versioningConfiguration", "status"));
            if (statuses.includes("Enabled")) continue;
            if (mine.length === 0) {
                reportViolation(`Bucket '${bucket.name}' has no versioning configuration; add an aws.s3.BucketVersioning for it with versioningConfiguration.status "Enabled".`, bucket.urn);
            } else {
                reportViolation(`Bucket '${bucket.name}' versioning '${mine[0].name}' has status ${JSON.stringify(statuses[0])}; set versioningConfiguration.status to "Enabled".`, bucket.urn);
            }
        }
    },
};
