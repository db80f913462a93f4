/**
 * no-default-route-to-internet: a route to a public destination (`0.0.0.0/0`, `::/0`, any CIDR
 * outside private space, or a prefix list) must go through the VPN gateway (`vgw-...`) or a transit
 * gateway to on-prem; a gateway endpoint may be the target of its own prefix-list route.
 * Internet gateways, NAT gateways, egress-only gateways, ENIs and peering fail.
 *
 * Judges `aws:ec2/route:Route` and inline `routes` of RouteTable / DefaultRouteTable on their
 * inputs. A target id that is unknown during preview (a gateway created in the same program) is
 * reported by the analyzer as "can't run during preview"; the stack policy
 * `no-default-route-to-internet-resolved` then resolves it through the resource graph.
 *
 * Severity: high. Enforcement: mandatory.
 * https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Route_Tables.html#route-table-routes
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { describeDestination, destinationMayBePublic, classifyTarget, ROUTE_TYPES, routesOf, targetAllowedFor } from "../lib/network";
import { known } from "../lib/resource-props";
import { validateTypes } from "../lib/policy-kit";

export const noDefaultRouteToInternet: ResourceValidationPolicy = {
    name: "no-default-route-to-internet",
    description: "Routes to public destinations (0.0.0.0/0, ::/0, public CIDRs, prefix lists) go only through the VPN gateway or a transit gateway to on-prem.",
    enforcementLevel: "mandatory",
    validateResource: validateTypes(ROUTE_TYPES, (args, reportViolation) => {
        if (!ROUTE_TYPES.includes(args.type)) return;
        for (const route of routesOf(args.type, args.props)) {
            const d = route.destination;
            if (d?.class?.kind === "invalid") {
                reportViolation(`'${args.name}' ${d.field}: ${d.class.reason}; give the route a valid destination CIDR.`);
                continue;
            }
            if (!destinationMayBePublic(route)) continue;
            for (const [field, raw] of Object.entries(route.targets)) {
                const value = String(known(raw, [route.where === "(route)" ? field : `${route.where}.${field}`]));
                const kind = classifyTarget(field, value);
                if (!targetAllowedFor(route, kind)) {
                    const where = route.where === "(route)" ? "route" : route.where;
                    reportViolation(
                        `'${args.name}' ${where} sends ${describeDestination(route)} to ${field} ${value} (${kind}); public destinations may only route through the VPN gateway (vgw-...) or a transit gateway. Remove the route or target the VPN gateway.`,
                    );
                }
            }
        }
    }),
};
