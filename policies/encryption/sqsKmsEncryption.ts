import type { ResourceValidationPolicy } from "@pulumi/policy";
import { isAwsManagedKeyRef, resourceLabel, validateTypes } from "../lib/policy-kit";
import { known } from "../lib/resource-props";

/**
 * sqs-kms-encryption: SQS queues are SSE-KMS with a customer-managed key (`kmsMasterKeyId`), so
 * who may send and read a queue's messages is also decided by a key policy we own (and S3 may send
 * event notifications to it only where that key policy says so). Not SSE-SQS (`sqsManagedSseEnabled`,
 * keys SQS owns), not the AWS-managed `alias/aws/sqs` (its policy admits every principal of the
 * account that may use SQS, and cannot be changed), not unencrypted.
 *
 * Severity: high. Enforcement: mandatory. Anchors: CKV_AWS_27, AWS Security Hub SQS.1.
 * @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html
 * @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-key-management.html
 */
export const sqsKmsEncryption: ResourceValidationPolicy = {
    name: "sqs-kms-encryption",
    description: "SQS queues are encrypted with a customer-managed KMS key (SSE-KMS), not SSE-SQS, not the AWS-managed alias/aws/sqs.",
    enforcementLevel: "mandatory",
    severity: "high",
    validateResource: validateTypes(["aws:sqs/queue:Queue"], (args, report) => {
        const key = known(args.props.kmsMasterKeyId, ["kmsMasterKeyId"]);
        if (typeof key !== "string" || key.trim() === "") {
            const sqsManaged = known(args.props.sqsManagedSseEnabled, ["sqsManagedSseEnabled"]) === true;
            report(
                `${resourceLabel(args)} must be encrypted with a customer-managed KMS key: kmsMasterKeyId is not set${sqsManaged ? " (sqsManagedSseEnabled uses keys SQS owns, which no key policy of ours governs)" : ""}; set it to your CMK's ARN (its key policy must let the producers and consumers, and S3 for event notifications, use it).`,
            );
        } else if (isAwsManagedKeyRef(key)) {
            report(`${resourceLabel(args)} must be encrypted with a customer-managed KMS key: kmsMasterKeyId is the AWS-managed ${key}, whose policy admits the whole account and cannot be changed; set it to your CMK's ARN.`);
        }
    }),
};
