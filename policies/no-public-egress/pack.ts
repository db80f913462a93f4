/**
 * spot-grid-no-public-egress: the grid has no path to or from the internet. No internet or NAT
 * gateways, no routes or security-group rules to public address space, no public IPs, no public
 * buckets, scoped VPC endpoints and closed default security groups. All mandatory: any one of
 * these is a data-exfiltration path for a trading firm. Public means outside RFC 1918,
 * 100.64.0.0/10 and fc00::/7 (policies/lib/cidr.ts).
 */
import type { PackDefinition } from "../lib/pack";
import { defaultSgClosed } from "./defaultSgClosed";
import { defaultSgClosedPresent } from "./defaultSgClosedPresent";
import { endpointHasPolicy } from "./endpointHasPolicy";
import { noDefaultRouteToInternet } from "./noDefaultRouteToInternet";
import { noDefaultRouteToInternetResolved } from "./noDefaultRouteToInternetResolved";
import { noInternetGateway } from "./noInternetGateway";
import { noPublicIp } from "./noPublicIp";
import { s3NoPublicAccess } from "./s3NoPublicAccess";
import { s3NoPublicAccessPresent } from "./s3NoPublicAccessPresent";
import { sqsNoPublicAccess } from "./sqsNoPublicAccess";
import { sgNoPublicEgress } from "./sgNoPublicEgress";
import { sgNoPublicIngress } from "./sgNoPublicIngress";

export const pack: PackDefinition = {
    name: "spot-grid-no-public-egress",
    dir: "no-public-egress",
    version: "0.1.0",
    description: "No internet gateways, NAT, public routes, public security-group rules, public IPs, public buckets or public queues; scoped VPC endpoints; closed default security groups.",
    enforcementLevel: "mandatory",
    policies: [
        noInternetGateway,
        noDefaultRouteToInternet,
        noDefaultRouteToInternetResolved,
        sgNoPublicEgress,
        sgNoPublicIngress,
        noPublicIp,
        s3NoPublicAccess,
        s3NoPublicAccessPresent,
        sqsNoPublicAccess,
        endpointHasPolicy,
        defaultSgClosed,
        defaultSgClosedPresent,
    ],
};
