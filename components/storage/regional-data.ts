/**
 * RegionalData: the data layer of one region stack, composed from the storage and keys
 * components: region key, access-log bucket, data bucket, on-prem uploader role (where uploads
 * land) and, in a replicating stack, the replication to the peers.
 *
 * Every cross-reference between regions is by deterministic name, not by resource: a replica's
 * key and bucket policies name the source's replication role by ARN before it exists (the source
 * deploys after its replicas), and the key names the workers' role that compute creates.
 */
import * as aws from "../lib/aws";
import * as pulumi from "@pulumi/pulumi";
import { RegionKey } from "../keys/region-key";
import { workerDataAccessPolicy } from "./access-policies";
import { AccessLogBucket } from "./access-log-bucket";
import { BucketReplication, ReplicationDestinationArgs } from "./bucket-replication";
import { DATA_PREFIXES } from "./layout";
import { DataLifecycleArgs, LogLifecycleArgs } from "./lifecycle";
import { bucketName, replicationRoleName, uploaderRoleName, workersRoleName } from "./naming";
import { roleArn } from "../lib/policy-document";
import { ReplicatedBucket } from "./replicated-bucket";
import { UploaderRole } from "./uploader-role";

export interface RegionalDataArgs {
    readonly stack: string;
    readonly region: string;
    /** @default the caller identity's account (aws.getCallerIdentity) */
    readonly accountId?: pulumi.Input<string>;
    /** @default the provider's partition (aws.getPartition) */
    readonly partition?: pulumi.Input<string>;
    /** This region's S3 endpoints (gateway + interface): the only way in for people and workers. */
    readonly allowedVpcEndpointIds: pulumi.Input<pulumi.Input<string>[]>;
    /** The S3 interface endpoint on-prem uploads through. Needed when `uploaderPrincipalArn` is set. */
    readonly uploadEndpointId?: pulumi.Input<string>;
    /** On-prem uploader's AWS principal; set in the stack where uploads land. Unset: no uploader role. */
    readonly uploaderPrincipalArn?: pulumi.Input<string>;
    /** Break-glass admin role: exempt from the endpoint rule and a key user, so nobody is locked out. */
    readonly breakGlassRoleArn: pulumi.Input<string>;
    /** Stacks (and their regions) that replicate into this bucket: their replication roles write here. */
    readonly replicationSources?: readonly { readonly stack: string; readonly region: string }[];
    /** Peers this stack replicates to (from their stack outputs). Empty: no replication here. */
    readonly replicateTo?: readonly ReplicationDestinationArgs[];
    readonly lifecycle?: DataLifecycleArgs;
    readonly logLifecycle?: LogLifecycleArgs;
    /** Pulumi `protect` on the key and buckets. @default true */
    readonly protect?: boolean;
}

export class RegionalData extends pulumi.ComponentResource {
    readonly key: RegionKey;
    readonly bucket: ReplicatedBucket;
    readonly logBucket: AccessLogBucket;
    readonly uploader?: UploaderRole;
    readonly replication?: BucketReplication;
    /** The workers' S3 + key access policy (JSON) for the compute component to attach to the workers' role. */
    readonly workerDataAccessPolicyJson: pulumi.Output<string>;
    /** ARN of the role the key and policies expect the workers to run as. */
    readonly workersRoleArn: pulumi.Output<string>;
    readonly prefixes = DATA_PREFIXES;

    constructor(name: string, args: RegionalDataArgs, opts?: pulumi.ComponentResourceOptions) {
        super("spot-grid:storage:RegionalData", name, {}, opts);
        const replicateTo = args.replicateTo ?? [];
        const sources = args.replicationSources ?? [];
        if (args.uploaderPrincipalArn !== undefined && args.uploadEndpointId === undefined) {
            throw new Error(`RegionalData ${name}: uploaderPrincipalArn is set but uploadEndpointId is not; pass the S3 interface endpoint on-prem uploads through`);
        }
        const accountId = args.accountId ?? aws.getCallerIdentityOutput({}, { parent: this }).accountId;
        const partition = args.partition ?? aws.getPartitionOutput({}, { parent: this }).partition;
        const arnOf = (roleName: string) => pulumi.all([partition, accountId]).apply(([p, a]) => roleArn({ partition: p, accountId: a }, roleName));

        const workersRole = arnOf(workersRoleName(args.region));
        const ownReplicationRole = replicateTo.length > 0 ? [arnOf(replicationRoleName(args.region))] : [];
        const sourceReplicationRoles = sources.map((s) => arnOf(replicationRoleName(s.region)));
        const uploaderRole = args.uploaderPrincipalArn !== undefined ? [arnOf(uploaderRoleName(args.region))] : [];
        const exempt = [...ownReplicationRole, ...sourceReplicationRoles, args.breakGlassRoleArn];

        this.key = new RegionKey(name, {
            stack: args.stack,
            region: args.region,
            accountId,
            partition,
            keyUserArns: [workersRole, ...uploaderRole, ...ownReplicationRole, ...sourceReplicationRoles, args.breakGlassRoleArn],
            protect: args.protect,
        }, { parent: this });

        // The data bucket's name is deterministic, so the log bucket's policy can name it first.
        const dataBucketArn = pulumi.all([partition, accountId]).apply(([p, a]) => `arn:${p}:s3:::${bucketName({ stack: args.stack, region: args.region, accountId: a, purpose: "data" })}`);
        this.logBucket = new AccessLogBucket(`${name}-logs`, {
            stack: args.stack,
            region: args.region,
            accountId,
            sourceBucketArns: [dataBucketArn],
            allowedVpcEndpointIds: args.allowedVpcEndpointIds,
            exemptPrincipalArns: [args.breakGlassRoleArn],
            lifecycle: args.logLifecycle,
            protect: args.protect,
        }, { parent: this });

        this.bucket = new ReplicatedBucket(`${name}-data`, {
            stack: args.stack,
            region: args.region,
            accountId,
            keyArn: this.key.arn,
            allowedVpcEndpointIds: args.allowedVpcEndpointIds,
            exemptPrincipalArns: exempt,
            accessLogBucketName: this.logBucket.bucketName,
            accessLogPrefix: this.logBucket.logPrefix,
            replicaOf: sources.map((s) => s.stack),
            lifecycle: args.lifecycle,
            protect: args.protect,
        }, { parent: this });

        if (args.uploaderPrincipalArn !== undefined) {
            this.uploader = new UploaderRole(`${name}-uploader`, {
                region: args.region,
                bucketArn: this.bucket.arn,
                keyArn: this.key.arn,
                uploaderPrincipalArn: args.uploaderPrincipalArn,
                uploadEndpointId: args.uploadEndpointId!,
            }, { parent: this });
        }

        if (replicateTo.length > 0) {
            this.replication = new BucketReplication(`${name}-replication`, {
                region: args.region,
                sourceBucketName: this.bucket.bucketName,
                sourceBucketArn: this.bucket.arn,
                sourceKeyArn: this.key.arn,
                sourceVersioning: this.bucket.versioning,
                destinations: replicateTo,
            }, { parent: this });
        }

        this.workersRoleArn = workersRole;
        this.workerDataAccessPolicyJson = pulumi
            .all([this.bucket.arn, this.key.arn])
            .apply(([bucketArn, keyArn]) => JSON.stringify(workerDataAccessPolicy({ bucketArn, keyArn, region: args.region })));

        this.registerOutputs({
            bucketName: this.bucket.bucketName,
            bucketArn: this.bucket.arn,
            keyArn: this.key.arn,
            logBucketName: this.logBucket.bucketName,
            replicationRoleArn: this.replication?.roleArn,
            uploaderRoleArn: this.uploader?.roleArn,
        });
    }
}
