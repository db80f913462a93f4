/**
 * default-sg-closed-present: every VPC (`ec2.Vpc`) has an `ec2.DefaultSecurityGroup` resource that
 * manages its default group (tied by the engine's dependency on `vpcId` or by VPC id) with no
 * rules. A VPC whose default group is left unmanaged keeps AWS's allow-all egress rule (and
 * allow-from-self ingress), which anything launched without a security group inherits.
 *
 * Severity: medium. Enforcement: mandatory. Anchor: CKV2_AWS_12.
 * https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import { DEFAULT_SECURITY_GROUP, VPC } from "../lib/network";
import { peek, stackIndex } from "../lib/resource-graph";

function ruleCount(props: Record<string, unknown>): number {
    return ["ingress", "egress"].reduce((n, k) => {
        const v = peek(props, k);
        return n + (Array.isArray(v) ? v.length : 0);
    }, 0);
}

export const defaultSgClosedPresent: StackValidationPolicy = {
    name: "default-sg-closed-present",
    description: "Every VPC's default security group is managed by a DefaultSecurityGroup resource with no rules.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        const index = stackIndex(args.resources);
        for (const vpc of index.ofType(VPC)) {
            const mine = index.referrers([DEFAULT_SECURITY_GROUP], "vpcId", vpc);
            if (mine.length === 0) {
                reportViolation(`VPC '${vpc.name}' has no aws.ec2.DefaultSecurityGroup, so its default group keeps AWS's allow-all egress rule; add one with vpcId set to this VPC and no ingress/egress.`, vpc.urn);
            } else if (mine.every((d) => ruleCount(d.props) > 0)) {
                reportViolation(`VPC '${vpc.name}' default security group '${mine[0].name}' has rules; remove all ingress and egress rules from it.`, vpc.urn);
            }
        }
    },
};
