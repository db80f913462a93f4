import * as assert from "assert";
import { noInternetGateway } from "../../../policies/no-public-egress/noInternetGateway";
import { assertHasViolation, assertNoViolations, runResourcePolicy } from "../../helpers/policy";
import { UNKNOWN, UnknownValueError } from "../../../policies/lib/resource-props";
import { res, T } from "./fixtures";

describe("no-internet-gateway", () => {
    const privateNat = res(T.nat, "onprem-nat", { subnetId: "subnet-0a1b2c3d", connectivityType: "private" });

    it("allows a private NAT gateway", async () => assertNoViolations(await runResourcePolicy(noInternetGateway, privateNat)));
    it("ignores unrelated resources (VPN gateway, VPC)", async () => {
        assertNoViolations(await runResourcePolicy(noInternetGateway, res(T.vgw, "vgw", { vpcId: "vpc-1" })));
        assertNoViolations(await runResourcePolicy(noInternetGateway, res(T.vpc, "vpc", { cidrBlock: "10.0.0.0/16" })));
    });
    for (const [type, pattern] of [
        [T.igw, /internet gateway/],
        [T.eigw, /egress-only internet gateway/],
        [T.igwAttachment, /internet gateway attachment/],
        [T.eip, /Elastic IP/],
    ] as const) {
        it(`fires on ${type}`, async () => assertHasViolation(await runResourcePolicy(noInternetGateway, res(type, "x", { vpcId: "vpc-1", domain: "vpc" })), pattern));
    }
    it("fires on a public NAT gateway", async () => {
        assertHasViolation(await runResourcePolicy(noInternetGateway, res(T.nat, "nat", { ...privateNat.props, connectivityType: "public" })), /connectivityType 'public'/);
    });
    it("fires on a NAT gateway with connectivityType unset (AWS default is public)", async () => {
        assertHasViolation(await runResourcePolicy(noInternetGateway, res(T.nat, "nat", { subnetId: "subnet-1", allocationId: "eipalloc-1" })), /NAT gateway 'nat'/);
    });
    it("an unknown connectivityType is reported as not judgeable during preview, not passed", async () => {
        await assert.rejects(runResourcePolicy(noInternetGateway, res(T.nat, "nat", { connectivityType: UNKNOWN })), UnknownValueError);
    });
});
