/**
 * cloudtrail-log-validation: trails sign their log files (`enableLogFileValidation`): CloudTrail
 * writes an hourly digest file with the hash of every log file it delivered, signed by AWS, so an
 * auditor can prove that no log was changed, removed or added after delivery.
 *
 * Severity: high. Enforcement: mandatory. Anchors: CIS 3.2, CKV_AWS_36, AWS Config's
 * cloud-trail-log-file-validation-enabled.
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { validateTypes } from "../lib/policy-kit";
import { known } from "../lib/resource-props";
import { TRAIL } from "./cloudtrailMultiRegion";

export const cloudtrailLogValidation: ResourceValidationPolicy = {
    name: "cloudtrail-log-validation",
    description: "CloudTrail trails have log file validation on (signed digest files prove no log was altered).",
    enforcementLevel: "mandatory",
    validateResource: validateTypes([TRAIL], (args, report) => {
        if (known(args.props.enableLogFileValidation, ["enableLogFileValidation"]) !== true) {
            report(`Trail '${args.name}' does not validate its log files; set enableLogFileValidation true so its digest files prove no log was changed or removed.`);
        }
    }),
};
