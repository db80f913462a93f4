/**
 * no-internet-gateway: the grid's VPCs have no path to the internet: no internet gateway (or its
 * attachment), no egress-only internet gateway, no public NAT gateway and no Elastic IP.
 *
 * Severity: high. Enforcement: mandatory (design: "No internet gateway, no NAT"; AWS services are
 * reached through VPC endpoints, on-prem through the VPN).
 *
 * Decision on NAT: a NAT gateway with `connectivityType: "private"` is allowed. A private NAT
 * gateway has no Elastic IP and cannot reach the internet even with an IGW present; it only
 * translates between private networks (e.g. overlapping on-prem ranges through the VPN).
 * `connectivityType` defaults to `public`, so an unset value fails.
 * Elastic IPs are public IPv4 addresses whatever their `domain`; the grid has no use for one.
 *
 * https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html
 * https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Internet_Gateway.html
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { known } from "../lib/resource-props";
import { validateTypes } from "../lib/policy-kit";

const ALWAYS_PUBLIC: Record<string, string> = {
    "aws:ec2/internetGateway:InternetGateway": "an internet gateway",
    "aws:ec2/internetGatewayAttachment:InternetGatewayAttachment": "an internet gateway attachment",
    "aws:ec2/egressOnlyInternetGateway:EgressOnlyInternetGateway": "an egress-only internet gateway (IPv6 internet egress)",
    "aws:ec2/eip:Eip": "an Elastic IP (a public IPv4 address, e.g. for a NAT gateway)",
    "aws:ec2/eipAssociation:EipAssociation": "an Elastic IP association",
    "aws:ec2/carrierGateway:CarrierGateway": "a carrier gateway (Wavelength internet/carrier egress)",
};
const NAT_GATEWAY = "aws:ec2/natGateway:NatGateway";

export const noInternetGateway: ResourceValidationPolicy = {
    name: "no-internet-gateway",
    description: "No internet gateway, egress-only internet gateway, public NAT gateway or Elastic IP: the grid is private and reaches AWS through VPC endpoints and on-prem through the VPN.",
    enforcementLevel: "mandatory",
    validateResource: validateTypes([...Object.keys(ALWAYS_PUBLIC), NAT_GATEWAY], (args, reportViolation) => {
        const what = ALWAYS_PUBLIC[args.type];
        if (what) {
            reportViolation(`'${args.name}' is ${what}; the grid's VPCs must have no internet path. Remove it and reach AWS services through VPC endpoints and on-prem through the VPN gateway.`);
            return;
        }
        if (args.type !== NAT_GATEWAY) return;
        const connectivity = known(args.props.connectivityType, ["connectivityType"]) ?? "public";
        if (connectivity !== "private") {
            reportViolation(`NAT gateway '${args.name}' has connectivityType '${connectivity}' (public NAT reaches the internet). Remove it, or set connectivityType: "private" if it only translates between private networks.`);
        }
    }),
};
