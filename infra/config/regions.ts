/**
 * AWS commercial regions this project may deploy to, with the Availability Zone names a new account
 * sees. The offline engine answers `aws.getAvailabilityZones` from this table, and config validation
 * uses it to reject a mistyped region or more AZs than the region has.
 * Source: https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-availability-zones.html
 */
import { closest } from "./suggest";

export interface RegionInfo {
    readonly name: string;
    /** AZ letter suffixes as a new account sees them (e.g. us-west-1 has no `a`). */
    readonly azSuffixes: readonly string[];
}

const table: Record<string, string> = {
    "us-east-1": "abcdef",
    "us-east-2": "abc",
    "us-west-1": "bc",
    "us-west-2": "abcd",
    "ca-central-1": "abd",
    "ca-west-1": "abc",
    "mx-central-1": "abc",
    "sa-east-1": "abc",
    "eu-central-1": "abc",
    "eu-central-2": "abc",
    "eu-west-1": "abc",
    "eu-west-2": "abc",
    "eu-west-3": "abc",
    "eu-north-1": "abc",
    "eu-south-1": "abc",
    "eu-south-2": "abc",
    "af-south-1": "abc",
    "il-central-1": "abc",
    "me-south-1": "abc",
    "me-central-1": "abc",
    "ap-south-1": "abc",
    "ap-south-2": "abc",
    "ap-east-1": "abc",
    "ap-southeast-1": "abc",
    "ap-southeast-2": "abc",
    "ap-southeast-3": "abc",
    "ap-southeast-4": "abc",
    "ap-southeast-5": "abc",
    "ap-southeast-7": "abc",
    "ap-northeast-1": "acd",
    "ap-northeast-2": "abcd",
    "ap-northeast-3": "abc",
};

export const REGIONS: ReadonlyMap<string, RegionInfo> = new Map(
    Object.entries(table).map(([name, suffixes]) => [name, { name, azSuffixes: [...suffixes] }]),
);

export function regionInfo(region: string): RegionInfo | undefined {
    return REGIONS.get(region);
}

/** The AZ names of a region, e.g. `ap-south-1a`. */
export function availabilityZoneNames(region: string): string[] {
    return (REGIONS.get(region)?.azSuffixes ?? []).map((s) => `${region}${s}`);
}

const directionCodes: Record<string, string> = {
    north: "n", south: "s", east: "e", west: "w", central: "c",
    northeast: "ne", southeast: "se", northwest: "nw", southwest: "sw",
};

/** AZ ids as AWS names them (`aps1-az1`): stable across accounts, unlike AZ names. */
export function availabilityZoneIds(region: string): string[] {
    const [area, direction, n] = region.split("-");
    const code = `${area}${directionCodes[direction] ?? direction[0]}${n}`;
    return availabilityZoneNames(region).map((_, i) => `${code}-az${i + 1}`);
}

/** The closest region name to a typo, for "did you mean" hints. */
export function closestRegion(input: string): string | undefined {
    return closest(input, REGIONS.keys(), 3);
}
