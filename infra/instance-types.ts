/**
 * The stack's instance types, checked at every preview and deploy against what EC2 offers in each
 * of the stack's Availability Zones in the deploying account. A type one AZ lacks would keep that
 * AZ short of capacity (the group launches the other pools there) without any error at deploy.
 *
 * Config validation cannot know this: offerings are per account and per AZ, and no public AWS page
 * lists them, so its dated table (infra/config/instance-offerings.ts) is empty and the plan warns.
 * Here the account answers: DescribeInstanceTypeOfferings (`aws.ec2.getInstanceTypeOfferings`)
 * with location type `availability-zone-id`, filtered to the stack's types and AZ ids. AZ ids, not
 * names: in the older Regions an AZ name maps to different zones in different accounts, an id
 * never does; the ids of the stack's AZ names in this account come from DescribeAvailabilityZones
 * (`aws.getAvailabilityZones`).
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeInstanceTypeOfferings.html
 * https://docs.aws.amazon.com/global-infrastructure/latest/regions/az-ids.html
 *
 * Attribute-based selection (`instanceRequirements`) is not checked: it names no type. EC2 picks,
 * in each AZ, among the types it offers there that match the attributes, so there is no listed
 * type an AZ could lack.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "../components/lib/aws";
import type { StackConfig } from "./config";
import { at } from "./config/errors";
import { oneLineRunError } from "./principals";

/** What DescribeAvailabilityZones returned: names and ids, position for position. */
export interface AccountZones {
    readonly names: readonly string[];
    readonly zoneIds: readonly string[];
}

/** What DescribeInstanceTypeOfferings returned: one (type, location) per position. */
export interface Offerings {
    readonly instanceTypes: readonly string[];
    readonly locations: readonly string[];
}

export type OfferingCheck = { ok: true; byAzId: Record<string, string[]> } | { ok: false; message: string };

/**
 * Pure: every configured type must be offered in every AZ of the stack. Returns the stack's types
 * by AZ id, or the one line for the first missing (type, AZ) in config order.
 * @param azNames the stack's AZ names, in the order the network gives them their subnet slots.
 */
export function checkInstanceTypeOfferings(config: StackConfig, instanceTypes: readonly string[], azNames: readonly string[], zones: AccountZones, offerings: Offerings): OfferingCheck {
    const azIds: string[] = [];
    for (const name of azNames) {
        const i = zones.names.indexOf(name);
        if (i < 0) {
            return {
                ok: false,
                message: `${at(config.file, "spot-grid:network", ["availabilityZones"])}: ${name} is not an available Availability Zone of ${config.region} in this account (EC2 DescribeAvailabilityZones); lower spot-grid:network.availabilityZones to ${azNames.indexOf(name)} or fewer`,
            };
        }
        azIds.push(zones.zoneIds[i]);
    }
    const offered = new Set(offerings.instanceTypes.map((t, i) => `${t}@${offerings.locations[i]}`));
    for (const [index, type] of instanceTypes.entries()) {
        for (const [position, azId] of azIds.entries()) {
            if (offered.has(`${type}@${azId}`)) continue;
            const az = azNames[position];
            const fewer = position === 0
                ? `(${az} is the stack's first AZ, so fewer spot-grid:network.availabilityZones cannot leave it out)`
                : `or set spot-grid:network.availabilityZones to ${position} to leave ${az} out`;
            return {
                ok: false,
                message: `${at(config.file, "spot-grid:compute", ["instanceTypes", index])}: ${type} is not offered in ${az} (${azId}) of ${config.region} in this account (EC2 DescribeInstanceTypeOfferings); drop ${type} from spot-grid:compute.instanceTypes ${fewer}`,
            };
        }
    }
    return { ok: true, byAzId: Object.fromEntries(azIds.map((id) => [id, [...instanceTypes]])) };
}

/**
 * Looks the stack's types up in its AZs (at preview and up alike: the arguments are known) and
 * resolves to the types by AZ id; fails the run with one line when one is not offered. Undefined
 * for `instanceRequirements` (see the module comment).
 */
export function offeredInstanceTypes(config: StackConfig, azNames: readonly string[], provider: aws.Provider): pulumi.Output<Record<string, string[]>> | undefined {
    const instanceTypes = config.compute.instanceTypes;
    if (!instanceTypes) return undefined;
    const zones = aws.getAvailabilityZonesOutput({}, { provider });
    const offerings = zones.apply((z) => {
        const azIds = azNames.map((n) => z.zoneIds[z.names.indexOf(n)]).filter((id): id is string => id !== undefined);
        return aws.ec2.getInstanceTypeOfferingsOutput(
            { locationType: "availability-zone-id", filters: [{ name: "instance-type", values: [...instanceTypes] }, { name: "location", values: azIds }] },
            { provider },
        );
    });
    return pulumi.all([zones, offerings]).apply(([z, o]) => {
        const result = checkInstanceTypeOfferings(config, instanceTypes, azNames, z, o);
        if (!result.ok) throw oneLineRunError(result.message);
        return result.byAzId;
    });
}
