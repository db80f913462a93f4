import type { StackValidationPolicy } from "@pulumi/policy";
import { bucketNames, indexByBucket, resourceLabel, S3_BUCKET_TYPES } from "../lib/policy-kit";
import { peek, stackIndex } from "../lib/resource-graph";
import { BUCKET_KEYS, SSE_CONFIG_TYPES, sseRulesOf } from "../lib/s3-forms";
import { logTargetPredicate, logTargetValues } from "../lib/s3-logging";
import { isSseS3, sseRuleProblems } from "./s3BucketKmsEncryption";

/**
 * Every bucket has a default-encryption configuration with a customer-managed KMS key: a split
 * `BucketServerSideEncryptionConfiguration` pointing at it, or (deprecated) inline. Without one,
 * S3 falls back to SSE-S3 (AES256), which a key policy cannot govern. A stack policy on outputs,
 * because the configuration is a separate resource matched by bucket name.
 *
 * The one exception is AWS's: a bucket that receives S3 server access logs must use SSE-S3
 * (AES256), because log delivery does not support SSE-KMS. SSE-S3 passes on such a target and
 * fails everywhere else.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/troubleshooting-server-access-logging.html
 *
 * A default-encryption configuration aimed at a bucket this stack does not create is judged on
 * its own: SSE-S3 there passes only when a logging configuration in this stack names that bucket
 * as its target (its other rules are judged by s3-bucket-kms-encryption, on inputs).
 *
 * Severity: high. CKV_AWS_145.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-bucket-encryption.html
 */
export const s3BucketKmsEncryptionPresent: StackValidationPolicy = {
    name: "s3-bucket-kms-encryption-present",
    description: "Every S3 bucket has a default-encryption configuration (SSE-KMS, customer-managed key) attached; SSE-S3 only on server access log targets.",
    enforcementLevel: "mandatory",
    severity: "high",
    validateStack: (args, report) => {
        const configs = indexByBucket(args.resources, SSE_CONFIG_TYPES);
        const index = stackIndex(args.resources);
        const isLogTarget = logTargetPredicate(index);
        const logTargets = logTargetValues(index);
        for (const config of index.aimedElsewhere(SSE_CONFIG_TYPES, "bucket", index.ofType(S3_BUCKET_TYPES), BUCKET_KEYS)) {
            const bucketName = peek(config.props, "bucket");
            if (logTargets.has(bucketName) || !(sseRulesOf(config.type, config.props) ?? []).some(isSseS3)) continue;
            report(
                `${resourceLabel(config)} sets SSE-S3 (AES256) default encryption on bucket ${JSON.stringify(bucketName)} (not created by this stack), which no logging configuration here uses as its target; only a server access log target may use SSE-S3: set sseAlgorithm "aws:kms" with kmsMasterKeyId = your CMK and bucketKeyEnabled: true.`,
                config.urn,
            );
        }
        for (const bucket of args.resources) {
            if (!(S3_BUCKET_TYPES as readonly string[]).includes(bucket.type)) continue;
            const attached = bucketNames(bucket).flatMap((n) => configs.get(n) ?? []);
            const inline = sseRulesOf(bucket.type, bucket.props);
            const sseS3 = [...attached.flatMap((c) => sseRulesOf(c.type, c.props) ?? []), ...(inline ?? [])].some(isSseS3);
            if (sseS3 && !isLogTarget(bucket)) {
                report(
                    `S3 bucket ${resourceLabel(bucket)} uses SSE-S3 (AES256) default encryption, which only a server access log target may use: set sseAlgorithm "aws:kms" with kmsMasterKeyId = your CMK and bucketKeyEnabled: true.`,
                    bucket.urn,
                );
            }
            const kmsInline = inline !== undefined && inline.length > 0 && inline.every((r) => sseRuleProblems(r).length === 0);
            if (attached.length === 0 && !kmsInline) {
                report(
                    `S3 bucket ${resourceLabel(bucket)} must have default SSE-KMS encryption with a customer-managed key, but no aws.s3.BucketServerSideEncryptionConfiguration points at it: add one with sseAlgorithm "aws:kms", kmsMasterKeyId = your CMK and bucketKeyEnabled: true.`,
                    bucket.urn,
                );
            }
        }
    },
};
