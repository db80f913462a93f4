import * as assert from "assert";
import { sgNoPublicEgress } from "../../../policies/no-public-egress/sgNoPublicEgress";
import { UNKNOWN, UnknownValueError } from "../../../policies/lib/resource-props";
import { assertHasViolation, assertNoViolations, runResourcePolicy } from "../../helpers/policy";
import { ONPREM, res, S3_PREFIX_LIST, T, withProp } from "./fixtures";

describe("sg-no-public-egress", () => {
    const sg = res(T.sg, "workers", {
        vpcId: "vpc-1",
        egress: [
            { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: [ONPREM, "10.20.0.0/16"], ipv6CidrBlocks: ["fd00:1::/64"] },
            { protocol: "tcp", fromPort: 443, toPort: 443, prefixListIds: [S3_PREFIX_LIST] },
            { protocol: "-1", fromPort: 0, toPort: 0, securityGroups: ["sg-0123456789abcdef0"] },
            { protocol: "-1", fromPort: 0, toPort: 0, self: true },
        ],
        ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }],
    });
    const rule = res(T.sgRule, "to-onprem", { type: "egress", securityGroupId: "sg-1", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: [ONPREM] });
    const vpcRule = res(T.egressRule, "to-onprem-v", { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: ONPREM });

    describe("stays quiet", () => {
        it("inline egress to on-prem 172.16.0.0/12, VPC ranges, ULA, a prefix list, a security group, self (ingress is another policy's)", async () =>
            assertNoViolations(await runResourcePolicy(sgNoPublicEgress, sg)));
        it("SecurityGroupRule egress to on-prem", async () => assertNoViolations(await runResourcePolicy(sgNoPublicEgress, rule)));
        it("SecurityGroupRule egress to the S3 gateway prefix list", async () =>
            assertNoViolations(await runResourcePolicy(sgNoPublicEgress, withProp(withProp(rule, ["cidrBlocks"], undefined), ["prefixListIds"], [S3_PREFIX_LIST]))));
        it("SecurityGroupRule of type ingress with 0.0.0.0/0 is not an egress rule", async () =>
            assertNoViolations(await runResourcePolicy(sgNoPublicEgress, withProp(withProp(rule, ["type"], "ingress"), ["cidrBlocks"], ["0.0.0.0/0"]))));
        it("vpc.SecurityGroupEgressRule to on-prem", async () => assertNoViolations(await runResourcePolicy(sgNoPublicEgress, vpcRule)));
        it("vpc.SecurityGroupEgressRule to a prefix list", async () =>
            assertNoViolations(await runResourcePolicy(sgNoPublicEgress, withProp(withProp(vpcRule, ["cidrIpv4"], undefined), ["prefixListId"], S3_PREFIX_LIST))));
        it("vpc.SecurityGroupEgressRule to a referenced security group", async () =>
            assertNoViolations(await runResourcePolicy(sgNoPublicEgress, withProp(withProp(vpcRule, ["cidrIpv4"], undefined), ["referencedSecurityGroupId"], "sg-2"))));
        it("an ingress rule resource is not judged", async () =>
            assertNoViolations(await runResourcePolicy(sgNoPublicEgress, res(T.ingressRule, "in", { securityGroupId: "sg-1", cidrIpv4: "0.0.0.0/0" }))));
        it("a CIDR in additionalPrivateCidrs is private", async () =>
            assertNoViolations(await runResourcePolicy(sgNoPublicEgress, withProp(vpcRule, ["cidrIpv4"], "203.0.113.0/24"), { additionalPrivateCidrs: ["203.0.113.0/24"] })));
    });

    describe("fires", () => {
        for (const cidr of ["8.8.8.8/32", "0.0.0.0/0", "10.0.0.0/7", "172.0.0.0/8"]) {
            it(`inline egress cidrBlocks ${cidr}`, async () => {
                const run = await runResourcePolicy(sgNoPublicEgress, withProp(sg, ["egress", 0, "cidrBlocks"], [ONPREM, cidr]));
                assertHasViolation(run, new RegExp(`'workers' allows egress to ${cidr.replace(/\./g, "\\.")} \\(egress\\[0\\]\\.cidrBlocks\\[1\\]\\)`));
                assert.strictEqual(run.violations.length, 1);
            });
        }
        it("inline egress ipv6CidrBlocks ::/0", async () =>
            assertHasViolation(await runResourcePolicy(sgNoPublicEgress, withProp(sg, ["egress", 0, "ipv6CidrBlocks"], ["::/0"])), /egress to ::\/0 \(egress\[0\]\.ipv6CidrBlocks\[0\]\)/));
        it("inline egress on a DefaultSecurityGroup", async () =>
            assertHasViolation(await runResourcePolicy(sgNoPublicEgress, res(T.defaultSg, "default", { vpcId: "vpc-1", egress: [{ protocol: "-1", cidrBlocks: ["0.0.0.0/0"] }] })), /Default security group 'default'/));
        it("SecurityGroupRule egress cidrBlocks 8.8.8.8/32", async () =>
            assertHasViolation(await runResourcePolicy(sgNoPublicEgress, withProp(rule, ["cidrBlocks"], ["8.8.8.8/32"])), /rule 'to-onprem' allows egress to 8\.8\.8\.8\/32/));
        it("SecurityGroupRule egress ipv6CidrBlocks ::/0", async () =>
            assertHasViolation(await runResourcePolicy(sgNoPublicEgress, withProp(rule, ["ipv6CidrBlocks"], ["::/0"])), /egress to ::\/0 \(ipv6CidrBlocks\[0\]\)/));
        it("vpc.SecurityGroupEgressRule cidrIpv4 0.0.0.0/0", async () =>
            assertHasViolation(await runResourcePolicy(sgNoPublicEgress, withProp(vpcRule, ["cidrIpv4"], "0.0.0.0/0")), /egress rule 'to-onprem-v' allows egress to 0\.0\.0\.0\/0 \(cidrIpv4\)/));
        it("vpc.SecurityGroupEgressRule cidrIpv6 2600::/16 (public IPv6)", async () =>
            assertHasViolation(await runResourcePolicy(sgNoPublicEgress, withProp(withProp(vpcRule, ["cidrIpv4"], undefined), ["cidrIpv6"], "2600::/16")), /2600::\/16 \(cidrIpv6\)/));
        it("a malformed CIDR is reported, not a crash", async () =>
            assertHasViolation(await runResourcePolicy(sgNoPublicEgress, withProp(vpcRule, ["cidrIpv4"], "10.0.0.0/40")), /cidrIpv4: '10\.0\.0\.0\/40' is not a valid/));
        it("an unknown CIDR is not judgeable during preview (reported by the analyzer), never passed", async () =>
            await assert.rejects(runResourcePolicy(sgNoPublicEgress, withProp(vpcRule, ["cidrIpv4"], UNKNOWN)), UnknownValueError));
    });
});
