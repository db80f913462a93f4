/**
 * cloudtrail-kms: trails encrypt their log files with a customer-managed KMS key (`kmsKeyId`), so
 * reading the audit trail needs that key's policy as well as the bucket's: the default SSE-S3 lets
 * anyone who can read the bucket read the logs.
 *
 * Severity: medium. Enforcement: mandatory. Anchors: CIS 3.5 (3.7 in v1.4), CKV_AWS_35, AWS
 * Config's cloud-trail-encryption-enabled.
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { isAwsManagedKeyRef, validateTypes } from "../lib/policy-kit";
import { known } from "../lib/resource-props";

export const cloudtrailKms: ResourceValidationPolicy = {
    name: "cloudtrail-kms",
    description: "CloudTrail trails encrypt their log files with a customer-managed KMS key.",
    enforcementLevel: "mandatory",
    validateResource: validateTypes(["aws:cloudtrail/trail:Trail"], (args, report) => {
        const key = known(args.props.kmsKeyId, ["kmsKeyId"]);
        if (typeof key !== "string" || key.trim() === "") {
            report(`Trail '${args.name}' does not encrypt its log files with KMS: kmsKeyId is not set; set it to a customer-managed key whose policy lets CloudTrail encrypt for this trail.`);
        } else if (isAwsManagedKeyRef(key)) {
            report(`Trail '${args.name}' names the AWS-managed ${key}; set kmsKeyId to a customer-managed key.`);
        }
    }),
};
