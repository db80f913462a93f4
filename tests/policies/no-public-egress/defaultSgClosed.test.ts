import { defaultSgClosed } from "../../../policies/no-public-egress/defaultSgClosed";
import { assertHasViolation, assertNoViolations, runResourcePolicy } from "../../helpers/policy";
import { res, T } from "./fixtures";

describe("default-sg-closed", () => {
    it("stays quiet on a default security group with no rules", async () => assertNoViolations(await runResourcePolicy(defaultSgClosed, res(T.defaultSg, "default", { vpcId: "vpc-1" }))));
    it("stays quiet on empty rule lists", async () => assertNoViolations(await runResourcePolicy(defaultSgClosed, res(T.defaultSg, "default", { vpcId: "vpc-1", ingress: [], egress: [] }))));
    it("ignores ordinary security groups", async () =>
        assertNoViolations(await runResourcePolicy(defaultSgClosed, res(T.sg, "workers", { egress: [{ protocol: "-1", cidrBlocks: ["10.0.0.0/8"] }] }))));
    it("fires on an egress rule (even a private one)", async () =>
        assertHasViolation(await runResourcePolicy(defaultSgClosed, res(T.defaultSg, "default", { vpcId: "vpc-1", egress: [{ protocol: "-1", cidrBlocks: ["10.0.0.0/8"] }] })), /'default' has 1 egress rule/));
    it("fires on a self-referencing ingress rule (the AWS default)", async () =>
        assertHasViolation(await runResourcePolicy(defaultSgClosed, res(T.defaultSg, "default", { vpcId: "vpc-1", ingress: [{ protocol: "-1", self: true }] })), /1 ingress rule/));
});
