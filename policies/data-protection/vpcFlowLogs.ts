/**
 * vpc-flow-logs: every VPC has an `ec2.FlowLog` whose `vpcId` references it (engine dependency or
 * id) with `trafficType: "ALL"`, so accepted and rejected traffic is on record for audit and
 * incident response.
 *
 * Severity: medium. Enforcement: mandatory. Anchors: CKV2_AWS_11, AwsSolutions-VPC7.
 * https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import { VPC } from "../lib/network";
import { peek, stackIndex } from "../lib/resource-graph";

const FLOW_LOG = "aws:ec2/flowLog:FlowLog";

export const vpcFlowLogs: StackValidationPolicy = {
    name: "vpc-flow-logs",
    description: "Every VPC has a flow log capturing ALL traffic.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        const index = stackIndex(args.resources);
        for (const vpc of index.ofType(VPC)) {
            const mine = index.referrers([FLOW_LOG], "vpcId", vpc);
            if (mine.length === 0) {
                reportViolation(`VPC '${vpc.name}' has no flow log; add an aws.ec2.FlowLog with vpcId set to it and trafficType "ALL".`, vpc.urn);
            } else if (!mine.some((f) => peek(f.props, "trafficType") === "ALL")) {
                reportViolation(`VPC '${vpc.name}' flow log '${mine[0].name}' captures ${JSON.stringify(peek(mine[0].props, "trafficType"))} traffic only; set trafficType "ALL".`, vpc.urn);
            }
        }
    },
};
