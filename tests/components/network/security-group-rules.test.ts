import * as assert from "assert";
import * as fc from "fast-check";
import { isPrivateIpv4Cidr } from "../../../components/lib/cidr";
import {
    endpointIngressRules,
    privateNaclRules,
    resolverIngressRules,
    validateOnPremPorts,
    workerEgressRules,
} from "../../../components/network/security-group-rules";

const ON_PREM = ["172.16.0.0/12", "192.168.50.0/24"];

describe("components/network/security-group-rules", () => {
    it("endpoints admit HTTPS only, from the VPC and on-prem only", () => {
        const rules = endpointIngressRules("10.20.0.0/16", ON_PREM);
        for (const r of rules) assert.deepStrictEqual([r.protocol, r.fromPort, r.toPort], ["tcp", 443, 443]);
        assert.deepStrictEqual(rules.flatMap((r) => r.cidrBlocks), ["10.20.0.0/16", ...ON_PREM]);
    });
    it("the resolver admits DNS over UDP and TCP from on-prem only", () => {
        const rules = resolverIngressRules(ON_PREM);
        assert.deepStrictEqual(rules.map((r) => [r.protocol, r.fromPort, r.toPort]), [["udp", 53, 53], ["tcp", 53, 53]]);
        for (const r of rules) assert.deepStrictEqual(r.cidrBlocks, ON_PREM);
    });
    it("workers reach the endpoint group, the S3 prefix list and on-prem ports, nothing else", () => {
        const rules = workerEgressRules({ endpointSecurityGroupId: "sg-e", s3PrefixListId: "pl-s3", onPremCidrs: ON_PREM, onPremPorts: [8443, 443] });
        assert.deepStrictEqual(rules.map((r) => [r.securityGroups, r.prefixListIds, r.cidrBlocks, r.fromPort]), [
            [["sg-e"], undefined, undefined, 443],
            [undefined, ["pl-s3"], undefined, 443],
            [undefined, undefined, ON_PREM, 443],
            [undefined, undefined, ON_PREM, 8443],
        ]);
    });
    it("no on-prem ports means no on-prem egress", () => {
        assert.strictEqual(workerEgressRules({ endpointSecurityGroupId: "sg", s3PrefixListId: "pl", onPremCidrs: ON_PREM, onPremPorts: [] }).length, 2);
    });
    it("property: worker egress never names a public CIDR for any private on-prem ranges and ports", () => {
        const cidr = fc.constantFrom("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "10.99.0.0/16", "100.64.0.0/10");
        fc.assert(
            fc.property(fc.uniqueArray(cidr, { minLength: 1 }), fc.uniqueArray(fc.integer({ min: 1, max: 65535 }), { maxLength: 8 }), (cidrs, ports) => {
                for (const r of workerEgressRules({ endpointSecurityGroupId: "sg", s3PrefixListId: "pl", onPremCidrs: cidrs, onPremPorts: ports })) {
                    for (const c of r.cidrBlocks ?? []) assert.ok(isPrivateIpv4Cidr(c), c);
                    assert.strictEqual(r.protocol, "tcp");
                    assert.strictEqual(r.fromPort, r.toPort);
                }
            }),
        );
    });
    it("rejects bad ports, naming the entry", () => {
        assert.match(validateOnPremPorts([443, 0]) ?? "", /^onPremPorts\[1\] 0 is not a TCP port; use 1-65535/);
        assert.match(validateOnPremPorts([443, 443]) ?? "", /^onPremPorts\[1\] 443 is listed twice/);
        assert.throws(() => workerEgressRules({ endpointSecurityGroupId: "sg", s3PrefixListId: "pl", onPremCidrs: ON_PREM, onPremPorts: [70000] }), /onPremPorts\[0\] 70000/);
    });
    it("the private NACL: VPC and on-prem both ways; the internet only as HTTPS out / ephemeral replies in (S3 via the gateway)", () => {
        const { ingress, egress } = privateNaclRules("10.20.0.0/16", ON_PREM);
        assert.deepStrictEqual(ingress.map((r) => [r.ruleNo, r.protocol, r.cidrBlock, r.fromPort, r.toPort]), [
            [100, "-1", "10.20.0.0/16", 0, 0],
            [200, "-1", "172.16.0.0/12", 0, 0],
            [201, "-1", "192.168.50.0/24", 0, 0],
            [900, "tcp", "0.0.0.0/0", 1024, 65535],
        ]);
        assert.deepStrictEqual(egress.at(-1), { ruleNo: 900, action: "allow", protocol: "tcp", cidrBlock: "0.0.0.0/0", fromPort: 443, toPort: 443 });
        for (const r of [...ingress, ...egress]) assert.strictEqual(r.action, "allow");
        assert.strictEqual(new Set(ingress.map((r) => r.ruleNo)).size, ingress.length);
    });
    it("the NACL refuses more on-prem ranges than its rule limit", () => {
        const many = Array.from({ length: 19 }, (_, i) => `10.${100 + i}.0.0/16`);
        assert.throws(() => privateNaclRules("10.20.0.0/16", many), /onPremCidrs has 19 ranges; .* at most 18/);
    });
});
