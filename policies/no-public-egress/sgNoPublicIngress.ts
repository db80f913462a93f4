/**
 * sg-no-public-ingress: security groups allow ingress only from private address space (RFC 1918,
 * 100.64.0.0/10, fc00::/7 and any `additionalPrivateCidrs`), prefix lists or other security groups.
 * Same three rule forms as sg-no-public-egress, ingress side.
 *
 * Severity: high. Enforcement: mandatory. Anchors: CKV_AWS_24/25/260/277.
 * https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { additionalPrivateCidrsSchema, publicRuleFindings, SECURITY_GROUP_RULE_TYPES } from "../lib/network";
import { validateTypes } from "../lib/policy-kit";

export const sgNoPublicIngress: ResourceValidationPolicy = {
    name: "sg-no-public-ingress",
    description: "Security-group ingress only from private CIDRs, prefix lists or security groups; never 0.0.0.0/0, ::/0 or other public addresses.",
    enforcementLevel: "mandatory",
    configSchema: { properties: { ...additionalPrivateCidrsSchema } },
    validateResource: validateTypes(SECURITY_GROUP_RULE_TYPES, (args, reportViolation) => {
        const { additionalPrivateCidrs = [] } = args.getConfig<{ additionalPrivateCidrs?: string[] }>();
        for (const message of publicRuleFindings(args.type, args.name, args.props, "ingress", additionalPrivateCidrs)) reportViolation(message);
    }),
};
