/**
 * imdsv2-required: instances and launch templates require IMDSv2 session tokens
 * (`metadataOptions.httpTokens: "required"`) and keep the PUT response hop limit at
 * `maxHopLimit` (default 1), so a container or proxied request on the host cannot read the
 * instance role's credentials. Missing metadataOptions fails: the AWS default (and many AMIs)
 * allow IMDSv1. `httpEndpoint: "disabled"` (no metadata service at all) passes.
 * Judges Instance, SpotInstanceRequest, LaunchTemplate and LaunchConfiguration.
 *
 * Severity: high. Enforcement: mandatory. Anchors: CKV_AWS_79, CKV_AWS_341.
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-service.html
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { asList, asRecord, known } from "../lib/resource-props";
import { validateTypes } from "../lib/policy-kit";

const TYPES: Record<string, string> = {
    "aws:ec2/instance:Instance": "Instance",
    "aws:ec2/spotInstanceRequest:SpotInstanceRequest": "Spot instance request",
    "aws:ec2/launchTemplate:LaunchTemplate": "Launch template",
    "aws:ec2/launchConfiguration:LaunchConfiguration": "Launch configuration",
};

export const imdsv2Required: ResourceValidationPolicy = {
    name: "imdsv2-required",
    description: "Instances and launch templates require IMDSv2 (httpTokens required) with a PUT response hop limit of 1.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            maxHopLimit: { type: "integer", minimum: 1, maximum: 64, default: 1, description: "Highest allowed httpPutResponseHopLimit (2 only for containers that need IMDS)." },
        },
    },
    validateResource: validateTypes(Object.keys(TYPES), (args, reportViolation) => {
        const label = TYPES[args.type];
        if (!label) return;
        const maxHopLimit = args.getConfig<{ maxHopLimit?: number }>().maxHopLimit ?? 1;
        const md = asRecord(asList(known(args.props.metadataOptions, ["metadataOptions"]))[0]);
        if (!md) {
            reportViolation(`${label} '${args.name}' has no metadataOptions, so IMDSv1 stays enabled; set metadataOptions { httpTokens: "required", httpPutResponseHopLimit: ${maxHopLimit} }.`);
            return;
        }
        if (known(md.httpEndpoint, ["metadataOptions", "httpEndpoint"]) === "disabled") return;
        const tokens = known(md.httpTokens, ["metadataOptions", "httpTokens"]);
        if (tokens !== "required") {
            reportViolation(`${label} '${args.name}' has metadataOptions.httpTokens ${JSON.stringify(tokens ?? null)}; set it to "required" (IMDSv2 only).`);
        }
        const hops = Number(known(md.httpPutResponseHopLimit, ["metadataOptions", "httpPutResponseHopLimit"]));
        if (!Number.isFinite(hops) || hops < 1 || hops > maxHopLimit) {
            reportViolation(`${label} '${args.name}' has metadataOptions.httpPutResponseHopLimit ${JSON.stringify(md.httpPutResponseHopLimit ?? null)}; set it to ${maxHopLimit} so only the host reaches the metadata service.`);
        }
    }),
};
