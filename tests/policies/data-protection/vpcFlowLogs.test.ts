import { vpcFlowLogs } from "../../../policies/data-protection/vpcFlowLogs";
import { UNKNOWN } from "../../../policies/lib/resource-props";
import { assertHasViolation, assertNoViolations, runStackPolicy } from "../../helpers/policy";
import { res } from "./fixtures";

describe("vpc-flow-logs", () => {
    const vpc = res("aws:ec2/vpc:Vpc", "grid", { id: "vpc-0a1b", cidrBlock: "10.0.0.0/16" });
    const fl = res("aws:ec2/flowLog:FlowLog", "grid-flow", { vpcId: "vpc-0a1b", trafficType: "ALL", logDestinationType: "cloud-watch-logs" });
    it("passes a VPC with an ALL flow log", async () => assertNoViolations(await runStackPolicy(vpcFlowLogs, [vpc, fl])));
    it("passes when linked by dependency while the id is unknown", async () =>
        assertNoViolations(await runStackPolicy(vpcFlowLogs, [vpc, { ...fl, props: { ...fl.props, vpcId: UNKNOWN }, propertyDependencies: { vpcId: [vpc.urn!] } }])));
    it("fires on a VPC without flow logs", async () => assertHasViolation(await runStackPolicy(vpcFlowLogs, [vpc]), /VPC 'grid' has no flow log/, vpc.urn));
    it("fires on a flow log for another VPC", async () => assertHasViolation(await runStackPolicy(vpcFlowLogs, [vpc, { ...fl, props: { ...fl.props, vpcId: "vpc-other" } }]), /'grid' has no flow log/));
    it("fires on REJECT-only flow logs", async () => assertHasViolation(await runStackPolicy(vpcFlowLogs, [vpc, { ...fl, props: { ...fl.props, trafficType: "REJECT" } }]), /captures "REJECT" traffic only/));
});
