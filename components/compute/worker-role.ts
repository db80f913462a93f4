/**
 * WorkerRole: the workers' instance role and profile. S3 access is exactly the storage
 * component's data-access policy (passed in as JSON, with the region key through S3 for that
 * bucket only); everything else is `workerPolicy`.
 * No AWS managed policies: AmazonSSMManagedInstanceCore grants far more than Session Manager
 * needs, on `*`.
 */
import * as aws from "../lib/aws";
import * as pulumi from "@pulumi/pulumi";
import { iamName } from "../lib/naming";
import { AccountContext } from "../lib/policy-document";
import { workerPolicy, workerTrustPolicy } from "./policy-documents";

/**
 * `spot-grid-workers-<region>`. Deterministic so the region key's policy (storage component)
 * can name the role before it exists. Never change: a rename replaces the role.
 */
export function workerRoleName(region: string): string {
    return iamName("workers", region);
}

/** `spot-grid-spot-fleet-<region>`: the Spot Fleet service role (spot-fleet engine only). */
export function spotFleetRoleName(region: string): string {
    return iamName("spot-fleet", region);
}

export interface WorkerRoleArgs {
    readonly region: string;
    readonly ctx: pulumi.Input<AccountContext>;
    /** S3 policy JSON from the storage component (read raw/ and static/, write processed/). */
    readonly dataAccessPolicy: pulumi.Input<string>;
    readonly logGroupName: string;
    readonly metricsNamespace: string;
}

export class WorkerRole extends pulumi.ComponentResource {
    readonly roleArn: pulumi.Output<string>;
    readonly roleName: pulumi.Output<string>;
    readonly instanceProfileArn: pulumi.Output<string>;

    constructor(name: string, args: WorkerRoleArgs, opts?: pulumi.ComponentResourceOptions) {
        super("spot-grid:compute:WorkerRole", name, {}, opts);
        const ctx = pulumi.output(args.ctx);
        const roleName = workerRoleName(args.region);

        const role = new aws.iam.Role(
            `${name}-role`,
            {
                name: roleName,
                description: "spot-grid trading workers: data bucket per the storage layout, Session Manager, own metrics and logs",
                assumeRolePolicy: ctx.apply((c) => JSON.stringify(workerTrustPolicy(c))),
                // Instances hold credentials for at most an hour after a change.
                maxSessionDuration: 3600,
            },
            { parent: this },
        );
        new aws.iam.RolePolicy(`${name}-data`, { role: role.name, name: "data-access", policy: args.dataAccessPolicy }, { parent: this });
        new aws.iam.RolePolicy(
            `${name}-runtime`,
            {
                role: role.name,
                name: "runtime",
                policy: ctx.apply((c) => JSON.stringify(workerPolicy({ ctx: c, logGroupName: args.logGroupName, metricsNamespace: args.metricsNamespace }))),
            },
            { parent: this },
        );
        const profile = new aws.iam.InstanceProfile(`${name}-profile`, { name: roleName, role: role.name }, { parent: this });

        this.roleArn = role.arn;
        this.roleName = role.name;
        this.instanceProfileArn = profile.arn;
        this.registerOutputs({ roleArn: this.roleArn, instanceProfileArn: this.instanceProfileArn });
    }
}
