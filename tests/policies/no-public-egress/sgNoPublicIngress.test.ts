import { sgNoPublicIngress } from "../../../policies/no-public-egress/sgNoPublicIngress";
import { assertHasViolation, assertNoViolations, runResourcePolicy } from "../../helpers/policy";
import { ONPREM, res, S3_PREFIX_LIST, T, withProp } from "./fixtures";

describe("sg-no-public-ingress", () => {
    const sg = res(T.sg, "workers", {
        vpcId: "vpc-1",
        ingress: [
            { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: [ONPREM], ipv6CidrBlocks: ["fd00:1::/64"] },
            { protocol: "tcp", fromPort: 443, toPort: 443, prefixListIds: [S3_PREFIX_LIST] },
            { protocol: "-1", fromPort: 0, toPort: 0, securityGroups: ["sg-0123456789abcdef0"] },
        ],
        egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
    });
    const rule = res(T.sgRule, "from-onprem", { type: "ingress", securityGroupId: "sg-1", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: [ONPREM] });
    const vpcRule = res(T.ingressRule, "from-onprem-v", { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "100.64.0.0/16" });

    it("stays quiet on inline ingress from on-prem, ULA, prefix list, security group (egress is another policy's)", async () => assertNoViolations(await runResourcePolicy(sgNoPublicIngress, sg)));
    it("stays quiet on SecurityGroupRule ingress from on-prem", async () => assertNoViolations(await runResourcePolicy(sgNoPublicIngress, rule)));
    it("stays quiet on vpc.SecurityGroupIngressRule from CGNAT on-prem space", async () => assertNoViolations(await runResourcePolicy(sgNoPublicIngress, vpcRule)));
    it("stays quiet on an egress rule resource", async () =>
        assertNoViolations(await runResourcePolicy(sgNoPublicIngress, res(T.egressRule, "out", { securityGroupId: "sg-1", cidrIpv4: "0.0.0.0/0" }))));
    it("fires on inline ingress from 0.0.0.0/0", async () =>
        assertHasViolation(await runResourcePolicy(sgNoPublicIngress, withProp(sg, ["ingress", 0, "cidrBlocks"], ["0.0.0.0/0"])), /'workers' allows ingress from 0\.0\.0\.0\/0 \(ingress\[0\]\.cidrBlocks\[0\]\)/));
    it("fires on inline ingress from ::/0", async () =>
        assertHasViolation(await runResourcePolicy(sgNoPublicIngress, withProp(sg, ["ingress", 0, "ipv6CidrBlocks"], ["::/0"])), /ingress from ::\/0/));
    it("fires on SecurityGroupRule ingress from 8.8.8.8/32", async () =>
        assertHasViolation(await runResourcePolicy(sgNoPublicIngress, withProp(rule, ["cidrBlocks"], ["8.8.8.8/32"])), /'from-onprem' allows ingress from 8\.8\.8\.8\/32/));
    it("fires on vpc.SecurityGroupIngressRule cidrIpv4 100.0.0.0/8 (only partly CGNAT)", async () =>
        assertHasViolation(await runResourcePolicy(sgNoPublicIngress, withProp(vpcRule, ["cidrIpv4"], "100.0.0.0/8")), /ingress from 100\.0\.0\.0\/8 \(cidrIpv4\)/));
    it("fires on vpc.SecurityGroupIngressRule cidrIpv6 ::/0", async () =>
        assertHasViolation(await runResourcePolicy(sgNoPublicIngress, withProp(withProp(vpcRule, ["cidrIpv4"], undefined), ["cidrIpv6"], "::/0")), /ingress from ::\/0 \(cidrIpv6\)/));
});
