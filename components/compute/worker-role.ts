/**
 * WorkerRole: the workers' instance role and profile, with `workerPolicy` (Session Manager, Run
 * Command, their parameters, metrics and logs). S3 access is attached by the data component
 * (components/storage/regional-data.ts), which names this role's ARN output in the region key's
 * policy: the role exists before anything trusts it.
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
    readonly stack: string;
    readonly region: string;
    readonly ctx: pulumi.Input<AccountContext>;
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
                description: "spot-grid trading workers: data bucket per the storage layout, Session Manager, Run Command, own parameters, metrics and logs",
                assumeRolePolicy: JSON.stringify(workerTrustPolicy()),
                // Instances hold credentials for at most an hour after a change.
                maxSessionDuration: 3600,
            },
            { parent: this },
        );
        new aws.iam.RolePolicy(
            `${name}-runtime`,
            {
                role: role.name,
                name: "runtime",
                policy: ctx.apply((c) => JSON.stringify(workerPolicy({ ctx: c, stack: args.stack, logGroupName: args.logGroupName, metricsNamespace: args.metricsNamespace }))),
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
