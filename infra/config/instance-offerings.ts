/**
 * Which instance types EC2 offers in each Availability Zone, per Region: a built-in, dated table
 * the config check uses so a stack never names a type that some AZ of its Region cannot launch
 * (the Auto Scaling group would then keep that AZ short of capacity without an error at deploy).
 *
 * Keyed by AZ *id* (`aps1-az1`), not name: names map to different zones in different accounts,
 * ids do not. The stacks use every AZ of their Region, so a type must be offered in all the AZ ids
 * listed for the Region.
 *
 * Refresh (needs EC2 read access in the account; one call per Region):
 *   aws ec2 describe-instance-type-offerings --region <region> --location-type availability-zone-id \
 *     --filters Name=instance-type,Values=<the stack's instanceTypes, comma-separated> \
 *     --query 'InstanceTypeOfferings[].[Location,InstanceType]' --output json
 * then record, per AZ id, the types it returned, with the date and who ran it.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeInstanceTypeOfferings.html
 *
 * No Region has an entry yet: offering data is per account and was not available to the change
 * that added this table (no AWS credentials, and no public AWS page lists per-AZ offerings), so the
 * plan warns for each stack until someone records its Region (infra/config/warnings.ts). A recorded
 * Region is enforced: a type missing from one of its AZ ids fails the config check. Whatever the
 * table holds, every preview and up also asks the deploying account itself (infra/instance-types.ts).
 */

export interface RegionOfferings {
    /** When the table was taken (YYYY-MM-DD). */
    readonly checked: string;
    /** Who or what produced it (the command above, the account it ran in). */
    readonly source: string;
    /** AZ id -> instance types offered there. */
    readonly byAzId: Readonly<Record<string, readonly string[]>>;
}

export const INSTANCE_TYPE_OFFERINGS: Readonly<Record<string, RegionOfferings>> = {};

/** The first configured type that some recorded AZ of the Region does not offer, or undefined. */
export function findUnofferedInstanceType(
    region: string,
    instanceTypes: readonly string[],
    table: Readonly<Record<string, RegionOfferings>> = INSTANCE_TYPE_OFFERINGS,
): { index: number; reason: string } | undefined {
    const offerings = table[region];
    if (!offerings) return undefined;
    for (const [index, type] of instanceTypes.entries()) {
        const missing = Object.entries(offerings.byAzId)
            .filter(([, types]) => !types.includes(type))
            .map(([azId]) => azId)
            .sort();
        if (missing.length > 0) {
            return {
                index,
                reason: `${type} is not offered in ${missing.join(", ")} of ${region} (offering table of ${offerings.checked}, infra/config/instance-offerings.ts); use types offered in every AZ of the region`,
            };
        }
    }
    return undefined;
}
