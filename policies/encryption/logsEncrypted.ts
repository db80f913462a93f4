import type { ResourceValidationPolicy } from "@pulumi/policy";
import { isAwsManagedKeyRef, resourceLabel, validateTypes } from "../lib/policy-kit";
import { known } from "../lib/resource-props";

const KEY_FIELD: Readonly<Record<string, string>> = {
    "aws:cloudwatch/logGroup:LogGroup": "kmsKeyId",
    "aws:sns/topic:Topic": "kmsMasterKeyId",
};

/**
 * CloudWatch log groups and SNS topics are encrypted with a customer-managed KMS key, so access
 * to audit logs and alerts is governed by a key policy we own.
 *
 * Severity: medium. CKV_AWS_158, CKV_AWS_26.
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
 * @see https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html
 */
export const logsEncrypted: ResourceValidationPolicy = {
    name: "logs-encrypted",
    description: "CloudWatch log groups and SNS topics are encrypted with a customer-managed KMS key.",
    enforcementLevel: "mandatory",
    severity: "medium",
    validateResource: validateTypes(Object.keys(KEY_FIELD), (args, report) => {
        const field = KEY_FIELD[args.type];
        const key = known(args.props[field], [field]);
        if (typeof key !== "string" || key.trim() === "") {
            report(`${resourceLabel(args)} must be encrypted with a customer-managed KMS key: ${field} is not set; set it to your CMK's ARN (the key policy must allow the service principal).`);
        } else if (isAwsManagedKeyRef(key)) {
            report(`${resourceLabel(args)} must be encrypted with a customer-managed KMS key: ${field} is the AWS-managed ${key}; set it to your CMK's ARN.`);
        }
    }),
};
