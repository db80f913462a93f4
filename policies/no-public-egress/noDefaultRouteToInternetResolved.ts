/**
 * no-default-route-to-internet-resolved: the stack-wide half of no-default-route-to-internet. A route
 * target is often a gateway created in the same program, so its id is unknown while the resource
 * policy runs (preview). This policy follows the graph: the engine's property dependencies of the
 * target field (known even when the id is not), or a stack resource whose id equals the target,
 * and judges the gateway by its resource TYPE (an InternetGateway named `vgw-...` fools nobody).
 * Literal ids of gateways outside the stack are left to the resource policy (no double report);
 * a target that is neither known nor linked is reported, never passed.
 *
 * Severity: high. Enforcement: mandatory.
 * https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Route_Tables.html#route-table-routes
 */
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { describeDestination, destinationMayBePublic, peek, ROUTE, ROUTE_TYPES, routesOf, TargetKind, targetAllowedFor } from "../lib/network";
import { isUnknownValue } from "../lib/resource-props";

/** Gateway resource types and what a route to them means. */
export const GATEWAY_TYPES: Record<string, TargetKind> = {
    "aws:ec2/internetGateway:InternetGateway": "internet",
    "aws:ec2/egressOnlyInternetGateway:EgressOnlyInternetGateway": "internet",
    "aws:ec2/natGateway:NatGateway": "internet",
    "aws:ec2/carrierGateway:CarrierGateway": "internet",
    "aws:ec2/vpnGateway:VpnGateway": "vpn-gateway",
    "aws:ec2transitgateway/transitGateway:TransitGateway": "transit-gateway",
    "aws:ec2/vpcEndpoint:VpcEndpoint": "vpc-endpoint",
    "aws:ec2/networkInterface:NetworkInterface": "other",
    "aws:ec2/vpcPeeringConnection:VpcPeeringConnection": "other",
};

export const noDefaultRouteToInternetResolved: StackValidationPolicy = {
    name: "no-default-route-to-internet-resolved",
    description: "Routes to public destinations resolve (through the stack's resource graph) to the VPN gateway or a transit gateway, never to an internet, NAT or egress-only gateway.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        const gatewaysById = new Map<string, PolicyResource>();
        for (const r of args.resources) {
            const id = peek(r.props, "id");
            if (GATEWAY_TYPES[r.type] && typeof id === "string") gatewaysById.set(id, r);
        }
        for (const r of args.resources) {
            if (!ROUTE_TYPES.includes(r.type)) continue;
            for (const route of routesOf(r.type, r.props)) {
                if (!destinationMayBePublic(route) || route.destination?.class?.kind === "invalid") continue;
                const where = route.where === "(route)" ? "route" : route.where;
                for (const [field, value] of Object.entries(route.targets)) {
                    // Inline routes share one dependency list ("routes"); a Route has one per field.
                    const deps = (r.propertyDependencies[r.type === ROUTE ? field : "routes"] ?? []).filter((d) => GATEWAY_TYPES[d.type]);
                    let gateways: PolicyResource[];
                    if (!isUnknownValue(value)) {
                        const gw = gatewaysById.get(String(value));
                        if (!gw) continue; // a literal id of a gateway outside the stack: the resource policy judges it
                        gateways = [gw];
                    } else if (deps.length === 0) {
                        reportViolation(
                            `'${r.name}' ${where} sends ${describeDestination(route)} to ${field} whose value is unknown and which references no gateway in this stack, so it cannot be shown to stay private. Target the VPN gateway (vgw-...) of this stack.`,
                            r.urn,
                        );
                        continue;
                    } else {
                        // Route: the field's own dependencies. Inline routes share one list, so only an
                        // internet-bound gateway among them is conclusive.
                        gateways = r.type === ROUTE ? deps : deps.filter((d) => GATEWAY_TYPES[d.type] === "internet");
                    }
                    for (const gw of gateways) {
                        const kind = GATEWAY_TYPES[gw.type];
                        if (!targetAllowedFor(route, kind)) {
                            reportViolation(
                                `'${r.name}' ${where} sends ${describeDestination(route)} to ${field} -> '${gw.name}' (${gw.type.split(":").pop()}, ${kind}); public destinations may only route through the VPN gateway or a transit gateway. Remove the route or target the VPN gateway.`,
                                r.urn,
                            );
                        }
                    }
                }
            }
        }
    },
};
