import { defaultSgClosedPresent } from "../../../policies/no-public-egress/defaultSgClosedPresent";
import { UNKNOWN } from "../../../policies/lib/resource-props";
import { assertHasViolation, assertNoViolations, runStackPolicy } from "../../helpers/policy";
import { res, T, urn } from "./fixtures";

describe("default-sg-closed-present", () => {
    const vpc = res(T.vpc, "grid", { id: "vpc-0a1b", cidrBlock: "10.0.0.0/16" });
    const other = res(T.vpc, "other", { id: "vpc-0c0d", cidrBlock: "10.1.0.0/16" });
    const dsg = res(T.defaultSg, "grid-default", { id: "sg-0d", vpcId: "vpc-0a1b", ingress: [], egress: [] });

    it("passes a VPC whose default group is managed by id", async () => assertNoViolations(await runStackPolicy(defaultSgClosedPresent, [vpc, dsg])));
    it("passes a VPC linked through the vpcId dependency while the id is unknown", async () =>
        assertNoViolations(await runStackPolicy(defaultSgClosedPresent, [vpc, res(T.defaultSg, "d", { vpcId: UNKNOWN }, { propertyDependencies: { vpcId: [vpc.urn!] } })])));
    it("fires on a VPC without a DefaultSecurityGroup", async () =>
        assertHasViolation(await runStackPolicy(defaultSgClosedPresent, [vpc, dsg, other]), /VPC 'other' has no aws\.ec2\.DefaultSecurityGroup/, urn(T.vpc, "other")));
    it("fires when the managing default group has rules", async () =>
        assertHasViolation(await runStackPolicy(defaultSgClosedPresent, [vpc, { ...dsg, props: { ...dsg.props, egress: [{ protocol: "-1", cidrBlocks: ["0.0.0.0/0"] }] } }]), /default security group 'grid-default' has rules/));
});
