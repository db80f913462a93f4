/**
 * default-sg-closed: a VPC's default security group has no rules, so a resource launched without
 * an explicit group gets no network access. Judges `aws:ec2/defaultSecurityGroup` inputs: any
 * `ingress` or `egress` entry fails (the AWS provider removes all rules from a default group it
 * adopts, so an empty resource closes it). That every VPC HAS such a resource is checked by the
 * stack policy `default-sg-closed-present`.
 *
 * Severity: medium. Enforcement: mandatory. Anchor: CKV2_AWS_12.
 * https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { DEFAULT_SECURITY_GROUP } from "../lib/network";
import { asList, known } from "../lib/resource-props";
import { validateTypes } from "../lib/policy-kit";

export const defaultSgClosed: ResourceValidationPolicy = {
    name: "default-sg-closed",
    description: "The default security group of every VPC has no ingress or egress rules.",
    enforcementLevel: "mandatory",
    validateResource: validateTypes([DEFAULT_SECURITY_GROUP], (args, reportViolation) => {
        if (args.type !== DEFAULT_SECURITY_GROUP) return;
        for (const direction of ["ingress", "egress"]) {
            const rules = asList(known(args.props[direction], [direction]));
            if (rules.length > 0) {
                reportViolation(`Default security group '${args.name}' has ${rules.length} ${direction} rule(s); remove them (leave ${direction} unset) and use dedicated security groups.`);
            }
        }
    }),
};
