/**
 * s3-no-public-access-present: every S3 bucket (`s3.Bucket`, deprecated `s3.BucketV2`) has its own
 * `s3.BucketPublicAccessBlock` with all four flags true, tied to it by the engine's dependency on
 * `bucket` or by bucket name/id. An account-wide `s3.AccountPublicAccessBlock` with all four flags
 * in the same stack also covers every bucket. Flag values themselves are judged on inputs by
 * s3-no-public-access.
 *
 * Severity: critical. Enforcement: mandatory. Anchors: CKV_AWS_53-56, CKV2_AWS_6.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import { stackIndex } from "../lib/resource-graph";
import { isTrue, prop } from "../lib/resource-props";
import { BUCKET_KEYS, S3_BUCKET_TYPES } from "../lib/s3-forms";
import { PAB_FLAGS } from "./s3NoPublicAccess";

const BUCKET_PAB = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
const ACCOUNT_PAB = "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock";

export const s3NoPublicAccessPresent: StackValidationPolicy = {
    name: "s3-no-public-access-present",
    description: "Every S3 bucket has a public access block with all four flags true.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        // A flag unknown in a preview is "can't run during preview", never a flag that is off.
        const allOn = (props: Record<string, unknown>) => PAB_FLAGS.every((f) => isTrue(prop(props, f)));
        const index = stackIndex(args.resources);
        if (index.ofType(ACCOUNT_PAB).some((r) => allOn(r.props))) return;
        for (const bucket of index.ofType(S3_BUCKET_TYPES)) {
            const mine = index.referrers([BUCKET_PAB], "bucket", bucket, BUCKET_KEYS);
            if (mine.length === 0) {
                reportViolation(`Bucket '${bucket.name}' has no public access block; add an aws.s3.BucketPublicAccessBlock for it with blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets all true.`, bucket.urn);
            } else if (!mine.some((p) => allOn(p.props))) {
                reportViolation(`Bucket '${bucket.name}' public access block '${mine[0].name}' does not set all four flags to true; set blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets to true.`, bucket.urn);
            }
        }
    },
};
