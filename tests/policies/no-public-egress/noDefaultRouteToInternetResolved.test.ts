import { noDefaultRouteToInternetResolved } from "../../../policies/no-public-egress/noDefaultRouteToInternetResolved";
import { UNKNOWN } from "../../../policies/lib/resource-props";
import { assertHasViolation, assertNoViolations, runStackPolicy } from "../../helpers/policy";
import { res, T, urn } from "./fixtures";

describe("no-default-route-to-internet-resolved", () => {
    const vgw = res(T.vgw, "vpn", { id: "vgw-0a1b", vpcId: "vpc-1" });
    const igw = res(T.igw, "igw", { id: "igw-0abc", vpcId: "vpc-1" });
    const natPublic = res(T.nat, "nat", { id: "nat-1", connectivityType: "public" });
    const routeVia = (field: string, value: unknown, deps: string[] = []) =>
        res(T.route, "default", { id: "r-1", destinationCidrBlock: "0.0.0.0/0", [field]: value }, { propertyDependencies: { [field]: deps } });

    it("passes a default route whose unknown gatewayId depends on the VPN gateway", async () =>
        assertNoViolations(await runStackPolicy(noDefaultRouteToInternetResolved, [vgw, routeVia("gatewayId", UNKNOWN, [vgw.urn!])])));
    it("passes a default route whose gatewayId equals the VPN gateway's id", async () =>
        assertNoViolations(await runStackPolicy(noDefaultRouteToInternetResolved, [vgw, routeVia("gatewayId", "vgw-0a1b")])));
    it("leaves literal ids of gateways outside the stack to the resource policy", async () =>
        assertNoViolations(await runStackPolicy(noDefaultRouteToInternetResolved, [routeVia("gatewayId", "igw-elsewhere")])));
    it("passes a private-destination route to an internet gateway in the stack (not a public route)", async () =>
        assertNoViolations(
            await runStackPolicy(noDefaultRouteToInternetResolved, [igw, res(T.route, "r", { destinationCidrBlock: "10.0.0.0/8", gatewayId: UNKNOWN }, { propertyDependencies: { gatewayId: [igw.urn!] } })]),
        ));

    it("fires when an unknown gatewayId depends on an internet gateway", async () =>
        assertHasViolation(await runStackPolicy(noDefaultRouteToInternetResolved, [igw, routeVia("gatewayId", UNKNOWN, [igw.urn!])]), /'default' route sends 0\.0\.0\.0\/0 to gatewayId -> 'igw'/, urn(T.route, "default")));
    it("fires when gatewayId equals an internet gateway's id in the stack", async () =>
        assertHasViolation(await runStackPolicy(noDefaultRouteToInternetResolved, [igw, routeVia("gatewayId", "igw-0abc")]), /-> 'igw' \(InternetGateway, internet\)/));
    it("fires when an internet gateway is named like a VGW: the type decides", async () =>
        assertHasViolation(await runStackPolicy(noDefaultRouteToInternetResolved, [res(T.igw, "sneaky", { id: "vgw-fake" }), routeVia("gatewayId", "vgw-fake")]), /'sneaky' \(InternetGateway/));
    it("fires on a natGatewayId that depends on a NAT gateway", async () =>
        assertHasViolation(await runStackPolicy(noDefaultRouteToInternetResolved, [natPublic, routeVia("natGatewayId", UNKNOWN, [natPublic.urn!])]), /natGatewayId -> 'nat'/));
    it("fires when an inline route table's unknown target sits beside an internet-gateway dependency", async () =>
        assertHasViolation(
            await runStackPolicy(noDefaultRouteToInternetResolved, [
                igw,
                res(T.routeTable, "private", { routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: UNKNOWN }] }, { propertyDependencies: { routes: [igw.urn!] } }),
            ]),
            /'private' routes\[0\] sends 0\.0\.0\.0\/0 to gatewayId -> 'igw'/,
        ));
    it("reports an unknown target that references no gateway, never passes it", async () =>
        assertHasViolation(await runStackPolicy(noDefaultRouteToInternetResolved, [routeVia("gatewayId", UNKNOWN)]), /value is unknown and which references no gateway/));
});
