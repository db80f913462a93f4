/**
 * no-public-ip: nothing in the grid gets a public address. Subnets do not map public IPv4 (nor
 * auto-assign IPv6, which is globally routable) on launch; instances, launch templates, launch
 * configurations, Spot instance requests and Spot Fleet launch specifications do not associate a
 * public IP. aws 7.x launch templates take `associatePublicIpAddress` as the STRING "true"/"false";
 * both spellings are judged. Unset is fine: the AWS default for a subnet is false and an instance
 * follows its subnet, which this policy also judges.
 *
 * Severity: high. Enforcement: mandatory. Anchors: CKV_AWS_88, CKV_AWS_130.
 * https://docs.aws.amazon.com/vpc/latest/userguide/vpc-ip-addressing.html
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { asList, asRecord, isTrue, known } from "../lib/resource-props";
import { validateTypes } from "../lib/policy-kit";

const SUBNET = "aws:ec2/subnet:Subnet";
/** Types with a top-level `associatePublicIpAddress`. */
const DIRECT: Record<string, string> = {
    "aws:ec2/instance:Instance": "Instance",
    "aws:ec2/spotInstanceRequest:SpotInstanceRequest": "Spot instance request",
    "aws:ec2/launchConfiguration:LaunchConfiguration": "Launch configuration",
};
const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
const SPOT_FLEET = "aws:ec2/spotFleetRequest:SpotFleetRequest";

export const noPublicIp: ResourceValidationPolicy = {
    name: "no-public-ip",
    description: "Subnets do not map public IPs on launch; instances, launch templates and Spot requests do not associate public IPs.",
    enforcementLevel: "mandatory",
    validateResource: validateTypes([SUBNET, ...Object.keys(DIRECT), LAUNCH_TEMPLATE, SPOT_FLEET], (args, reportViolation) => {
        const p = args.props;
        if (args.type === SUBNET) {
            if (isTrue(known(p.mapPublicIpOnLaunch, ["mapPublicIpOnLaunch"]))) {
                reportViolation(`Subnet '${args.name}' has mapPublicIpOnLaunch=true; set it to false (the AWS default) so instances get no public IPv4 address.`);
            }
            if (isTrue(known(p.assignIpv6AddressOnCreation, ["assignIpv6AddressOnCreation"]))) {
                reportViolation(`Subnet '${args.name}' has assignIpv6AddressOnCreation=true (globally routable IPv6); set it to false.`);
            }
            return;
        }
        const label = DIRECT[args.type];
        if (label) {
            if (isTrue(known(p.associatePublicIpAddress, ["associatePublicIpAddress"]))) {
                reportViolation(`${label} '${args.name}' has associatePublicIpAddress=true; set it to false (or omit it) so it gets no public IP.`);
            }
            return;
        }
        if (args.type === LAUNCH_TEMPLATE) {
            asList(known(p.networkInterfaces, ["networkInterfaces"])).forEach((ni, i) => {
                const v = known(asRecord(ni)?.associatePublicIpAddress, ["networkInterfaces", String(i), "associatePublicIpAddress"]);
                if (isTrue(v)) {
                    reportViolation(`Launch template '${args.name}' networkInterfaces[${i}].associatePublicIpAddress is ${JSON.stringify(v)}; set it to "false" so instances get no public IP.`);
                }
            });
            return;
        }
        if (args.type === SPOT_FLEET) {
            asList(known(p.launchSpecifications, ["launchSpecifications"])).forEach((spec, i) => {
                const v = known(asRecord(spec)?.associatePublicIpAddress, ["launchSpecifications", String(i), "associatePublicIpAddress"]);
                if (isTrue(v)) {
                    reportViolation(`Spot fleet request '${args.name}' launchSpecifications[${i}].associatePublicIpAddress is true; set it to false so instances get no public IP.`);
                }
            });
        }
    }),
};
