import * as assert from "assert";
import { noDefaultRouteToInternet } from "../../../policies/no-public-egress/noDefaultRouteToInternet";
import { UNKNOWN, UnknownValueError } from "../../../policies/lib/resource-props";
import { assertHasViolation, assertNoViolations, runResourcePolicy } from "../../helpers/policy";
import { ONPREM, res, S3_PREFIX_LIST, T, withProp } from "./fixtures";

describe("no-default-route-to-internet", () => {
    const route = res(T.route, "default-to-vpn", { routeTableId: "rtb-1", destinationCidrBlock: "0.0.0.0/0", gatewayId: "vgw-0a1b2c3d4e5f60718" });
    const table = res(T.routeTable, "private", {
        vpcId: "vpc-1",
        routes: [
            { cidrBlock: "0.0.0.0/0", gatewayId: "vgw-0a1b2c3d4e5f60718" },
            { ipv6CidrBlock: "::/0", transitGatewayId: "tgw-0123" },
            { cidrBlock: ONPREM, networkInterfaceId: "eni-1" },
            { destinationPrefixListId: S3_PREFIX_LIST, vpcEndpointId: "vpce-1" },
            { cidrBlock: "10.0.0.0/16", gatewayId: "local" },
        ],
    });

    it("a 0.0.0.0/0 Route to the VGW passes", async () => assertNoViolations(await runResourcePolicy(noDefaultRouteToInternet, route)));
    it("a ::/0 Route to a transit gateway passes", async () =>
        assertNoViolations(await runResourcePolicy(noDefaultRouteToInternet, res(T.route, "v6", { destinationIpv6CidrBlock: "::/0", transitGatewayId: "tgw-1" }))));
    it("inline routes to VGW, TGW, private ranges and the S3 endpoint's prefix list pass", async () => assertNoViolations(await runResourcePolicy(noDefaultRouteToInternet, table)));
    it("a private destination via an ENI passes (not public)", async () =>
        assertNoViolations(await runResourcePolicy(noDefaultRouteToInternet, res(T.route, "r", { destinationCidrBlock: ONPREM, networkInterfaceId: "eni-1" }))));
    it("a private destination with an unknown target is judged without the target", async () =>
        assertNoViolations(await runResourcePolicy(noDefaultRouteToInternet, res(T.route, "r", { destinationCidrBlock: ONPREM, gatewayId: UNKNOWN }))));

    it("fires on a 0.0.0.0/0 Route to igw-...", async () =>
        assertHasViolation(await runResourcePolicy(noDefaultRouteToInternet, withProp(route, ["gatewayId"], "igw-0abc")), /'default-to-vpn' route sends 0\.0\.0\.0\/0 to gatewayId igw-0abc \(internet\)/));
    it("fires on a 0.0.0.0/0 Route to a NAT gateway", async () =>
        assertHasViolation(await runResourcePolicy(noDefaultRouteToInternet, res(T.route, "r", { destinationCidrBlock: "0.0.0.0/0", natGatewayId: "nat-1" })), /natGatewayId nat-1/));
    it("fires on a ::/0 Route to an egress-only gateway", async () =>
        assertHasViolation(await runResourcePolicy(noDefaultRouteToInternet, res(T.route, "r", { destinationIpv6CidrBlock: "::/0", egressOnlyGatewayId: "eigw-1" })), /::\/0 to egressOnlyGatewayId eigw-1/));
    it("fires on a public /32 Route through an ENI appliance", async () =>
        assertHasViolation(await runResourcePolicy(noDefaultRouteToInternet, res(T.route, "r", { destinationCidrBlock: "8.8.8.8/32", networkInterfaceId: "eni-1" })), /8\.8\.8\.8\/32 to networkInterfaceId eni-1 \(other\)/));
    it("fires on a prefix-list route to an internet gateway", async () =>
        assertHasViolation(await runResourcePolicy(noDefaultRouteToInternet, res(T.route, "r", { destinationPrefixListId: S3_PREFIX_LIST, gatewayId: "igw-1" })), /prefix list pl-78a54011 to gatewayId igw-1/));
    it("fires on an inline RouteTable route to igw-...", async () =>
        assertHasViolation(await runResourcePolicy(noDefaultRouteToInternet, withProp(table, ["routes", 0, "gatewayId"], "igw-1")), /'private' routes\[0\] sends 0\.0\.0\.0\/0 to gatewayId igw-1/));
    it("fires on an inline DefaultRouteTable route to igw-...", async () =>
        assertHasViolation(
            await runResourcePolicy(noDefaultRouteToInternet, res(T.defaultRouteTable, "main", { defaultRouteTableId: "rtb-1", routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: "igw-1" }] })),
            /'main' routes\[0\]/,
        ));
    it("fires on a malformed destination", async () =>
        assertHasViolation(await runResourcePolicy(noDefaultRouteToInternet, withProp(route, ["destinationCidrBlock"], "0.0.0.0")), /destinationCidrBlock: '0\.0\.0\.0' has no prefix length/));
    it("an unknown target of a public route is not judgeable during preview (the stack policy resolves it)", async () =>
        await assert.rejects(runResourcePolicy(noDefaultRouteToInternet, withProp(route, ["gatewayId"], UNKNOWN)), UnknownValueError));
});
