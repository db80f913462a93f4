/**
 * `spot-grid:network` and `spot-grid:onPrem`: the VPC and the on-prem side of the hybrid link.
 */
import { z } from "zod";
import { isPrivateIpv4Cidr, isUsableGatewayAddress, parseIpv4Cidr } from "../../components/lib/cidr";

const ipv4Cidr = z.string().refine((s) => parseIpv4Cidr(s) !== undefined, {
    message: "is not an IPv4 CIDR with its host bits clear (e.g. 10.20.0.0/16)",
});

export const networkSchema = z
    .object({
        /** VPC IPv4 block; must be private and must not overlap on-prem or another region's VPC. */
        cidr: ipv4Cidr.refine((s) => parseIpv4Cidr(s) === undefined || isPrivateIpv4Cidr(s), {
            message: "must be private address space (10/8, 172.16/12, 192.168/16)",
        }).refine((s) => { const c = parseIpv4Cidr(s); return c === undefined || (c.bits >= 16 && c.bits <= 28); }, {
            message: "must be between /16 and /28 (the sizes AWS allows for a VPC)",
        }),
        /** How many of the region's AZs get a private subnet. */
        availabilityZones: z.number().int().min(1, { message: "must be at least 1" }),
    })
    .strict();

export const onPremSchema = z
    .object({
        /** On-prem private ranges reachable through the VPN (routes, SG rules, endpoint access). */
        cidrs: z.array(ipv4Cidr.refine((s) => parseIpv4Cidr(s) === undefined || isPrivateIpv4Cidr(s), {
            message: "must be private address space: the grid never routes to public ranges",
        })).min(1, { message: "must list at least one on-prem CIDR" }),
        /** Outside IP of the on-prem firewall (customer gateway). */
        gatewayIp: z.string().refine(isUsableGatewayAddress, {
            message: "is not a usable IPv4 unicast address for the on-prem firewall",
        }),
        /** BGP ASN of the on-prem firewall (private 2-byte or 4-byte ASN, or its public ASN). */
        bgpAsn: z.number().int().min(1).max(4294967294, { message: "must be a BGP ASN between 1 and 4294967294" }),
    })
    .strict();

export type NetworkConfig = z.infer<typeof networkSchema>;
export type OnPremConfig = z.infer<typeof onPremSchema>;
