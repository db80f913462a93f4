/** The tags every resource carries (through the AWS provider's default tags), for cost and ownership reports. */
export interface StandardTagArgs {
    readonly project: string;
    readonly stack: string;
    readonly region: string;
    readonly owner: string;
    readonly costCentre: string;
}

/** Tag keys are fixed here so that cost-allocation reports and tag policies can rely on them. */
export function standardTags(a: StandardTagArgs): Record<string, string> {
    return {
        project: a.project,
        stack: a.stack,
        region: a.region,
        owner: a.owner,
        "cost-centre": a.costCentre,
        "managed-by": "pulumi",
    };
}
