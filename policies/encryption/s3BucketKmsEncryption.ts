import type { ResourceValidationPolicy } from "@pulumi/policy";
import { DeprecatedFormsConfig, deprecatedFormsSchema, deprecatedTypeFinding, isAwsManagedKeyRef, resourceLabel, validateTypes } from "../lib/policy-kit";
import { SSE_CONFIG_TYPES, SseRule, sseRulesOf } from "../lib/s3-forms";

const KMS_ALGORITHMS = new Set(["aws:kms", "aws:kms:dsse"]);

/** SSE-S3: allowed only on server access log targets, which a resource policy cannot tell. */
export function isSseS3(rule: SseRule): boolean {
    return rule.sseAlgorithm === "AES256";
}

/** What is wrong with one default-encryption rule, as "should be" findings. */
export function sseRuleProblems(rule: SseRule): string[] {
    if (typeof rule.sseAlgorithm !== "string" || !KMS_ALGORITHMS.has(rule.sseAlgorithm)) {
        return [`${rule.path} uses ${JSON.stringify(rule.sseAlgorithm ?? "no algorithm")}: set sseAlgorithm "aws:kms" with kmsMasterKeyId = a customer-managed KMS key ARN`];
    }
    const problems: string[] = [];
    const key = rule.kmsMasterKeyId;
    if (key === undefined || key === null || key === "") {
        problems.push(`${rule.path} has no kmsMasterKeyId, so S3 uses the AWS-managed aws/s3 key: set kmsMasterKeyId to a customer-managed KMS key ARN`);
    } else if (typeof key === "string" && isAwsManagedKeyRef(key)) {
        problems.push(`${rule.path} uses the AWS-managed key ${key}: set kmsMasterKeyId to a customer-managed KMS key ARN`);
    }
    // DSSE-KMS does not support S3 Bucket Keys, so only SSE-KMS must turn them on.
    if (rule.sseAlgorithm === "aws:kms" && rule.bucketKeyEnabled !== true) {
        problems.push(`${rule.path} has the S3 Bucket Key off: set bucketKeyEnabled: true (cuts KMS requests and cost)`);
    }
    return problems;
}

/**
 * Default bucket encryption is SSE-KMS with a customer-managed key and the bucket key on, in the
 * split `BucketServerSideEncryptionConfiguration` (and its deprecated V2 token) and in the
 * deprecated inline `serverSideEncryptionConfiguration(s)` of `Bucket`/`BucketV2`.
 * Buckets with no encryption configuration at all, and SSE-S3 (AES256), which only a server
 * access log target may use: `s3-bucket-kms-encryption-present`.
 *
 * Severity: high. CKV_AWS_145, Trivy AWS-0132.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html
 */
export const s3BucketKmsEncryption: ResourceValidationPolicy = {
    name: "s3-bucket-kms-encryption",
    description: "S3 default encryption is SSE-KMS with a customer-managed key and the S3 Bucket Key enabled.",
    enforcementLevel: "mandatory",
    severity: "high",
    configSchema: { properties: { ...deprecatedFormsSchema } },
    validateResource: validateTypes([...SSE_CONFIG_TYPES, "aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"], (args, report) => {
        const config = args.getConfig<DeprecatedFormsConfig>();
        const rules = sseRulesOf(args.type, args.props);
        if (rules === undefined) return; // a bucket without inline encryption: judged by the stack policy
        // SSE-S3 rules are judged by s3-bucket-kms-encryption-present, which can see whether the
        // bucket is a server access log target (the one place AWS requires SSE-S3).
        const problems = rules.length === 0 ? ["declares no rules: add a rule with sseAlgorithm \"aws:kms\" and a customer-managed kmsMasterKeyId"] : rules.filter((r) => !isSseS3(r)).flatMap(sseRuleProblems);
        const deprecated = deprecatedTypeFinding(args.type, config);
        if (deprecated) problems.push(deprecated);
        const inline = args.type === "aws:s3/bucket:Bucket" || args.type === "aws:s3/bucketV2:BucketV2";
        if (inline && !config.allowDeprecatedForms) {
            problems.push("declares encryption inline (deprecated): move it to aws.s3.BucketServerSideEncryptionConfiguration");
        }
        for (const p of problems) report(`${resourceLabel(args)} must encrypt objects with SSE-KMS under a customer-managed key: ${p}.`);
    }),
};
