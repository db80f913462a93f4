/**
 * sg-no-public-egress: security groups allow egress only to private address space (RFC 1918,
 * 100.64.0.0/10, fc00::/7 and any `additionalPrivateCidrs`), to prefix lists (the AWS-managed
 * lists of our S3/DynamoDB gateway endpoints) or to other security groups. `0.0.0.0/0`, `::/0`,
 * `8.8.8.8/32` and CIDRs that only partly overlap private space fail. A malformed CIDR fails too.
 *
 * Judges every form: inline `egress` of SecurityGroup / DefaultSecurityGroup, `ec2.SecurityGroupRule`
 * with `type: egress` (`cidrBlocks`, `ipv6CidrBlocks`), and `vpc.SecurityGroupEgressRule`
 * (`cidrIpv4`, `cidrIpv6`). Note: a SecurityGroup created without `egress` gets AWS's allow-all
 * egress only when created outside Pulumi; the AWS provider removes it.
 *
 * Severity: high. Enforcement: mandatory. Anchors: CKV_AWS_382, Trivy AWS-0104.
 * https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { additionalPrivateCidrsSchema, publicRuleFindings, SECURITY_GROUP_RULE_TYPES } from "../lib/network";
import { validateTypes } from "../lib/policy-kit";

export const sgNoPublicEgress: ResourceValidationPolicy = {
    name: "sg-no-public-egress",
    description: "Security-group egress only to private CIDRs, prefix lists or security groups; never 0.0.0.0/0, ::/0 or other public addresses.",
    enforcementLevel: "mandatory",
    configSchema: { properties: { ...additionalPrivateCidrsSchema } },
    validateResource: validateTypes(SECURITY_GROUP_RULE_TYPES, (args, reportViolation) => {
        const { additionalPrivateCidrs = [] } = args.getConfig<{ additionalPrivateCidrs?: string[] }>();
        for (const message of publicRuleFindings(args.type, args.name, args.props, "egress", additionalPrivateCidrs)) reportViolation(message);
    }),
};
