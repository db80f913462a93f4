import type { ResourceValidationPolicy } from "@pulumi/policy";
import { DeprecatedFormsConfig, deprecatedFormsSchema, isCustomerKeyRef, resourceLabel, validateTypes } from "../lib/policy-kit";
import { REPLICATION_CONFIG_TYPES, replicationRulesOf } from "../lib/s3-forms";

/**
 * Every enabled S3 replication rule replicates SSE-KMS objects (`sourceSelectionCriteria.
 * sseKmsEncryptedObjects`) and re-encrypts replicas under a customer-managed key in the
 * destination region (`replicaKmsKeyId`). Without both, S3 silently skips KMS-encrypted objects,
 * which for us is all of them. Judged in `BucketReplicationConfig` and the deprecated inline
 * `replicationConfiguration(s)` of `Bucket`/`BucketV2`.
 *
 * Severity: high. No public rule set checks this.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-config-for-kms-objects.html
 */
export const replicationEncrypted: ResourceValidationPolicy = {
    name: "replication-encrypted",
    description: "S3 replication rules replicate SSE-KMS objects and encrypt replicas with a customer-managed key (replicaKmsKeyId).",
    enforcementLevel: "mandatory",
    severity: "high",
    configSchema: { properties: { ...deprecatedFormsSchema } },
    validateResource: validateTypes([...REPLICATION_CONFIG_TYPES, "aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"], (args, report) => {
        const config = args.getConfig<DeprecatedFormsConfig>();
        const rules = replicationRulesOf(args.type, args.props);
        if (rules === undefined) return;
        const say = (p: string) => report(`${resourceLabel(args)} must replicate KMS-encrypted objects into a customer-managed key: ${p}.`);
        for (const rule of rules.filter((r) => r.enabled)) {
            if (!rule.replicatesKmsObjects) {
                say(`${rule.path} does not select SSE-KMS objects, so S3 skips them: set sourceSelectionCriteria.sseKmsEncryptedObjects to Enabled`);
            }
            if (!isCustomerKeyRef(rule.replicaKmsKeyId)) {
                say(`${rule.path} has no customer-managed replicaKmsKeyId: set the destination's encryption key to a CMK ARN in the destination region`);
            }
        }
        if (args.type !== REPLICATION_CONFIG_TYPES[0] && !config.allowDeprecatedForms) {
            say("replication is declared inline on the bucket (deprecated): move it to aws.s3.BucketReplicationConfig");
        }
    }),
};
