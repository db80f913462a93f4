/**
 * `spot-grid:network` and `spot-grid:onPrem`: the VPC and the on-prem side of the hybrid link.
 */
import { z } from "zod";
import { ipv4CidrWithHostBitsCleared, isPrivateIpv4Cidr, isUsableGatewayAddress, parseIpv4Cidr } from "../../components/lib/cidr";
import { DEFAULT_INTERFACE_ENDPOINTS, findInterfaceEndpointProblem } from "../../components/network/endpoint-catalogue";
import { findExtraBucketArnProblem } from "../../components/network/endpoint-policies";
import { DEFAULT_FLOW_LOG_RETENTION_DAYS, FLOW_LOG_RETENTION_DAYS } from "../../components/network/flow-log-policies";
import { DEFAULT_ON_PREM_PORTS, MAX_ON_PREM_CIDRS_IN_NACL } from "../../components/network/security-group-rules";
import { findTunnelInsideCidrsProblem } from "../../components/network/vpn-tunnels";
import { quote } from "./messages";
import { ALLOWED_SUBNET_SLOTS, DEFAULT_SUBNET_SLOTS, validateSubnetCapacity } from "../../components/network/subnet-plan";

const ipv4Cidr = z.string().refine((s) => parseIpv4Cidr(s) !== undefined, {
    error: (iss) => {
        const meant = ipv4CidrWithHostBitsCleared(iss.input as string);
        return meant
            ? `${quote(iss.input)} has host bits set; did you mean ${meant}?`
            : `${quote(iss.input)} is not an IPv4 CIDR with its host bits clear (e.g. 10.20.0.0/16)`;
    },
});

export const networkSchema = z
    .object({
        /** VPC IPv4 block; must be private and must not overlap on-prem or another region's VPC. */
        cidr: ipv4Cidr.refine((s) => parseIpv4Cidr(s) === undefined || isPrivateIpv4Cidr(s), {
            error: (iss) => `${quote(iss.input)} is not private address space; use a block inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16`,
        }).refine((s) => { const c = parseIpv4Cidr(s); return c === undefined || (c.bits >= 16 && c.bits <= 28); }, {
            error: (iss) => `${quote(iss.input)} is not between /16 and /28 (the sizes AWS allows for a VPC)`,
        }),
        /** How many of the region's AZs get a private subnet. */
        availabilityZones: z.number().int().min(1, { message: "must be at least 1" }),

        // --- Added by the network issue (issue 3); every field is optional with a default. ---

        /**
         * Equal blocks the VPC is cut into; the AZ at position i of the region's AZ list gets block i.
         * Set once, before the first deploy: changing it renumbers (replaces) every subnet.
         */
        subnetSlots: z
            .number()
            .refine((n) => ALLOWED_SUBNET_SLOTS.includes(n), {
                message: `must be one of ${ALLOWED_SUBNET_SLOTS.join(", ")} (set it once, before the first deploy)`,
            })
            .default(DEFAULT_SUBNET_SLOTS),
        /** Interface endpoints (besides S3, which is always built); defaults to what Spot workers and operators need. */
        interfaceEndpoints: z
            .array(z.string({ message: "must be a list of service names such as ssm" }))
            .superRefine((list, ctx) => {
                const p = findInterfaceEndpointProblem(list);
                if (p) ctx.addIssue({ code: "custom", message: p.reason, path: [p.index] });
            })
            .default([...DEFAULT_INTERFACE_ENDPOINTS]),
        /** Days CloudWatch Logs keeps VPC flow logs (audit). */
        flowLogRetentionDays: z
            .number()
            .refine((n) => FLOW_LOG_RETENTION_DAYS.includes(n), {
                message: `must be a CloudWatch Logs retention: one of ${FLOW_LOG_RETENTION_DAYS.join(", ")}`,
            })
            .default(DEFAULT_FLOW_LOG_RETENTION_DAYS),
        /** The site-to-site VPN to the on-prem firewall. */
        vpn: z
            .object({
                /** `bgp` (default): the firewall advertises on-prem routes; `static`: routes to spot-grid:onPrem.cidrs. */
                routing: z.enum(["bgp", "static"], { message: 'must be "bgp" or "static"' }).default("bgp"),
                /** The AWS side's private ASN (VPN gateway); AWS picks 64512 when unset. */
                amazonSideAsn: z
                    .number()
                    .int()
                    .refine((n) => (n >= 64512 && n <= 65534) || (n >= 4200000000 && n <= 4294967294), {
                        message: "must be a private ASN: 64512-65534 or 4200000000-4294967294",
                    })
                    .optional(),
                /**
                 * Inside CIDRs of tunnel 1 and tunnel 2: a /30 each from 169.254.0.0/16, not one of
                 * AWS's reserved /30s, and unique across every stack (the same firewall terminates
                 * all regions' tunnels; infra/config/stack-set.ts checks it). Set before the first
                 * deploy: changing them replaces the VPN connection. Unset: AWS picks at random and
                 * the plan warns.
                 */
                tunnelInsideCidrs: z
                    .array(z.string({ message: "must be a list of two CIDRs such as 169.254.10.0/30" }))
                    .superRefine((list, ctx) => {
                        const p = findTunnelInsideCidrsProblem(list);
                        if (p) ctx.addIssue({ code: "custom", message: p.reason, path: [p.index] });
                    })
                    .optional(),
            })
            .strict()
            .default({ routing: "bgp" }),
        /** Buckets outside this project that the S3 endpoints may reach, as `arn:aws:s3:::name`. */
        extraS3BucketArns: z
            .array(z.string())
            .superRefine((list, ctx) => {
                const p = findExtraBucketArnProblem(list);
                if (p) ctx.addIssue({ code: "custom", message: p.reason, path: [p.index] });
            })
            .default([]),
        /** TCP ports the workers may open to spot-grid:onPrem.cidrs (through the VPN). */
        onPremPorts: z
            .array(z.number().int().min(1, { message: "must be a TCP port 1-65535" }).max(65535, { message: "must be a TCP port 1-65535" }))
            .refine((ports) => new Set(ports).size === ports.length, { message: "lists a port twice; list each port once" })
            .default([...DEFAULT_ON_PREM_PORTS]),
    })
    .strict()
    .superRefine((n, ctx) => {
        // "CIDR too small for the AZ count": the subnet planner's own check, so config and component agree.
        const problem = validateSubnetCapacity(n.cidr, n.availabilityZones, n.subnetSlots);
        if (problem) ctx.addIssue({ code: "custom", message: problem, path: [problem.startsWith("availabilityZones") ? "availabilityZones" : "cidr"] });
    });

export const onPremSchema = z
    .object({
        /** On-prem private ranges reachable through the VPN (routes, SG rules, endpoint access). */
        cidrs: z.array(ipv4Cidr.refine((s) => parseIpv4Cidr(s) === undefined || isPrivateIpv4Cidr(s), {
            error: (iss) => `${quote(iss.input)} is not private address space: the grid never routes to public ranges`,
        }))
            .min(1, { message: "must list at least one on-prem CIDR" })
            // The private subnets' network ACL has one rule per on-prem range (components/network/security-group-rules).
            .max(MAX_ON_PREM_CIDRS_IN_NACL, {
                error: (iss) => `lists ${(iss.input as unknown[]).length} ranges; the subnets' network ACL holds at most ${MAX_ON_PREM_CIDRS_IN_NACL} (AWS's default of 20 rules, 2 used by the grid); summarise the on-prem ranges into fewer, larger blocks`,
            }),
        /** Outside IP of the on-prem firewall (customer gateway). */
        gatewayIp: z.string().refine(isUsableGatewayAddress, {
            error: (iss) => `${quote(iss.input)} is not a usable IPv4 unicast address for the on-prem firewall`,
        }),
        /** BGP ASN of the on-prem firewall (private 2-byte or 4-byte ASN, or its public ASN). */
        bgpAsn: z.number().int().min(1).max(4294967294, { message: "must be a BGP ASN between 1 and 4294967294" }),
    })
    .strict();

export type NetworkConfig = z.infer<typeof networkSchema>;
export type OnPremConfig = z.infer<typeof onPremSchema>;
