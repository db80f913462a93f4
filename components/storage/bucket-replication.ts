/**
 * BucketReplication: the source side of cross-region replication. One replication role (the
 * exact permissions AWS documents for SSE-KMS objects, access-policies.ts) and one replication
 * configuration with a rule per destination (replication-rules.ts).
 *
 * Destinations must exist first: their buckets (versioned) and keys come from the peer stacks'
 * outputs, which is why replica stacks deploy before the source (infra/config/stack-set.ts).
 */
import * as aws from "../lib/aws";
import * as pulumi from "@pulumi/pulumi";
import { replicationRolePolicy, replicationTrustPolicy } from "./access-policies";
import { ROLE_REPLICATION, ROLE_TAG } from "./layout";
import { replicationRoleName } from "./naming";
import { planReplicationRules } from "./replication-rules";

export interface ReplicationDestinationArgs {
    /** Peer stack name (names the rule `to-<stack>`). */
    readonly stack: string;
    /** Peer region (the `kms:ViaService` of its key). */
    readonly region: string;
    readonly bucketArn: pulumi.Input<string>;
    /** The peer's key ARN (not an alias): replicas are re-encrypted with it. */
    readonly keyArn: pulumi.Input<string>;
}

export interface BucketReplicationArgs {
    /** Source region: the role is named after it (`spot-grid-replication-<region>`). */
    readonly region: string;
    /** The source bucket's name (id). */
    readonly sourceBucketName: pulumi.Input<string>;
    readonly sourceBucketArn: pulumi.Input<string>;
    /** The source region key (objects are decrypted with it for replication). */
    readonly sourceKeyArn: pulumi.Input<string>;
    /** The source bucket's versioning resource: S3 rejects replication on an unversioned bucket. */
    readonly sourceVersioning: pulumi.Resource;
    /** One per peer in `storage.replicateTo`; at least one. */
    readonly destinations: readonly ReplicationDestinationArgs[];
}

export class BucketReplication extends pulumi.ComponentResource {
    readonly roleArn: pulumi.Output<string>;
    readonly roleName: pulumi.Output<string>;

    constructor(name: string, args: BucketReplicationArgs, opts?: pulumi.ComponentResourceOptions) {
        super("spot-grid:storage:BucketReplication", name, {}, opts);
        if (args.destinations.length === 0) throw new Error(`BucketReplication ${name}: destinations is empty; list at least one peer (storage.replicateTo)`);

        const role = new aws.iam.Role(
            `${name}-role`,
            {
                // Peers' bucket and key policies name this role by ARN: never rename.
                name: replicationRoleName(args.region),
                description: "S3 cross-region replication of the spot-grid data bucket (SSE-KMS)",
                assumeRolePolicy: JSON.stringify(replicationTrustPolicy()),
                tags: { [ROLE_TAG]: ROLE_REPLICATION },
            },
            { parent: this },
        );
        const destinations = pulumi.all(args.destinations.map((d) => pulumi.all([d.bucketArn, d.keyArn]).apply(([bucketArn, keyArn]) => ({ stack: d.stack, region: d.region, bucketArn, keyArn }))));
        const policy = new aws.iam.RolePolicy(
            `${name}-policy`,
            {
                role: role.id,
                policy: pulumi.all([args.sourceBucketArn, args.sourceKeyArn, destinations]).apply(([bucketArn, keyArn, dests]) =>
                    JSON.stringify(replicationRolePolicy({ source: { bucketArn, keyArn, region: args.region }, destinations: dests })),
                ),
            },
            { parent: this },
        );
        new aws.s3.BucketReplicationConfig(
            name,
            {
                bucket: args.sourceBucketName,
                role: role.arn,
                rules: destinations.apply((dests) => planReplicationRules(dests)),
            },
            // Without the role policy in place S3 would start replicating and fail silently.
            { parent: this, dependsOn: [args.sourceVersioning, policy] },
        );

        this.roleArn = role.arn;
        this.roleName = role.name;
        this.registerOutputs({ roleArn: this.roleArn, roleName: this.roleName });
    }
}
