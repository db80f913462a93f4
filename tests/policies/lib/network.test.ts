import * as assert from "assert";
import {
    classifyTarget,
    destinationMayBePublic,
    peek,
    publicRuleFindings,
    refersTo,
    routesOf,
    securityGroupRules,
    targetAllowedFor,
} from "../../../policies/lib/network";
import { UNKNOWN, UnknownValueError } from "../../../policies/lib/resource-props";

describe("policies/lib/network", () => {
    describe("securityGroupRules", () => {
        it("normalises inline rules of both directions", () => {
            const rules = securityGroupRules("aws:ec2/securityGroup:SecurityGroup", {
                ingress: [{ cidrBlocks: ["10.0.0.0/8"], securityGroups: ["sg-1"] }],
                egress: [{ ipv6CidrBlocks: ["::/0"], prefixListIds: ["pl-1"], self: "true" }],
            });
            assert.deepStrictEqual(rules.map((r) => [r.direction, r.where, r.cidrs.map((c) => [c.field, c.class.kind]), r.prefixLists, r.securityGroups, r.self]), [
                ["ingress", "ingress[0]", [["ingress[0].cidrBlocks[0]", "private"]], [], ["sg-1"], false],
                ["egress", "egress[0]", [["egress[0].ipv6CidrBlocks[0]", "public"]], ["pl-1"], [], true],
            ]);
        });
        it("reads SecurityGroupRule by its type", () => {
            const [r] = securityGroupRules("aws:ec2/securityGroupRule:SecurityGroupRule", { type: "egress", cidrBlocks: ["8.8.8.8/32"], sourceSecurityGroupId: "sg-2" });
            assert.strictEqual(r.direction, "egress");
            assert.strictEqual(r.cidrs[0].class.kind, "public");
            assert.deepStrictEqual(r.securityGroups, ["sg-2"]);
        });
        it("reads vpc rule resources (cidrIpv4/cidrIpv6/prefixListId)", () => {
            const [r] = securityGroupRules("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", { cidrIpv6: "fd00::/8", prefixListId: "pl-1" });
            assert.deepStrictEqual([r.direction, r.cidrs[0].field, r.cidrs[0].class.kind, r.prefixLists], ["ingress", "cidrIpv6", "private", ["pl-1"]]);
        });
        it("throws the analyzer's unknown error for an unknown CIDR, never passes it", () => {
            assert.throws(() => securityGroupRules("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", { cidrIpv4: UNKNOWN }), UnknownValueError);
            assert.throws(() => securityGroupRules("aws:ec2/securityGroup:SecurityGroup", { egress: UNKNOWN }), UnknownValueError);
        });
        it("yields nothing for other types", () => assert.deepStrictEqual(securityGroupRules("aws:ec2/vpc:Vpc", { cidrBlock: "0.0.0.0/0" }), []));
    });

    it("publicRuleFindings honours extra private CIDRs", () => {
        const props = { cidrIpv4: "203.0.113.0/24" };
        const t = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
        assert.strictEqual(publicRuleFindings(t, "r", props, "egress").length, 1);
        assert.strictEqual(publicRuleFindings(t, "r", props, "egress", ["203.0.113.0/23"]).length, 0);
        assert.strictEqual(publicRuleFindings(t, "r", props, "ingress").length, 0);
    });

    describe("routes", () => {
        it("classifies targets", () => {
            assert.deepStrictEqual(
                [["gatewayId", "vgw-1"], ["gatewayId", "igw-1"], ["gatewayId", "local"], ["transitGatewayId", "tgw-1"], ["natGatewayId", "nat-1"], ["egressOnlyGatewayId", "eigw-1"], ["vpcEndpointId", "vpce-1"], ["networkInterfaceId", "eni-1"]].map(([f, v]) => classifyTarget(f, v)),
                ["vpn-gateway", "internet", "local", "transit-gateway", "internet", "internet", "vpc-endpoint", "other"],
            );
        });
        it("reads a Route and inline routes; prefix lists may be public; endpoints only for prefix lists", () => {
            const [r] = routesOf("aws:ec2/route:Route", { destinationIpv6CidrBlock: "::/0", gatewayId: "vgw-1" });
            assert.ok(destinationMayBePublic(r));
            assert.ok(!targetAllowedFor(r, "vpc-endpoint"));
            const [a, b] = routesOf("aws:ec2/routeTable:RouteTable", { routes: [{ cidrBlock: "10.0.0.0/16", gatewayId: "local" }, { destinationPrefixListId: "pl-1", vpcEndpointId: "vpce-1" }] });
            assert.ok(!destinationMayBePublic(a));
            assert.ok(destinationMayBePublic(b) && targetAllowedFor(b, "vpc-endpoint"));
            assert.strictEqual(b.where, "routes[1]");
        });
        it("keeps unknown targets for the stack policy to resolve", () => {
            const [r] = routesOf("aws:ec2/route:Route", { destinationCidrBlock: "0.0.0.0/0", gatewayId: UNKNOWN });
            assert.strictEqual(r.targets.gatewayId, UNKNOWN);
        });
    });

    describe("graph links", () => {
        const vpc = { urn: "u:vpc", type: "aws:ec2/vpc:Vpc", props: { id: "vpc-1", arn: "arn:vpc" } };
        it("links by property dependency even when the value is unknown", () =>
            assert.ok(refersTo({ urn: "u:fl", type: "t", props: { vpcId: UNKNOWN }, propertyDependencies: { vpcId: [{ urn: "u:vpc" }] } }, "vpcId", vpc)));
        it("links by id value", () => assert.ok(refersTo({ urn: "u:fl", type: "t", props: { vpcId: "vpc-1" } }, "vpcId", vpc)));
        it("does not link other ids, empty or unknown values", () => {
            assert.ok(!refersTo({ urn: "u:fl", type: "t", props: { vpcId: "vpc-2" } }, "vpcId", vpc));
            assert.ok(!refersTo({ urn: "u:fl", type: "t", props: {} }, "vpcId", vpc));
            assert.ok(!refersTo({ urn: "u:fl", type: "t", props: { vpcId: UNKNOWN } }, "vpcId", { ...vpc, props: { id: UNKNOWN } }));
        });
        it("peek never throws on the analyzer's unknown proxy", () => {
            const throwing = new Proxy({}, { get: () => { throw new UnknownValueError(UNKNOWN, ["x"]); } });
            assert.strictEqual(peek(throwing as Record<string, unknown>, "x"), undefined);
        });
    });
});
