/**
 * Physical names. IAM is global, so every IAM name carries the region: three stacks in one account
 * never collide. Bucket names are global too and carry project, stack and region.
 */
export const PROJECT = "spot-grid";

/** `spot-grid-<purpose>-<region>`, e.g. `spot-grid-workers-ap-south-1` (IAM role names: 64 chars max). */
export function iamName(purpose: string, region: string): string {
    const name = `${PROJECT}-${purpose}-${region}`;
    if (name.length > 64) throw new Error(`IAM name ${name} is longer than AWS's 64-character limit; shorten the purpose '${purpose}'`);
    return name;
}
