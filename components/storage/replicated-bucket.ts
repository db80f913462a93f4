/**
 * ReplicatedBucket: a region's data bucket. Versioned (replication requires it on both sides),
 * SSE-KMS with the region key and S3 Bucket Keys (fewer KMS calls; the encryption context becomes
 * the bucket ARN), public access blocked, ACLs off, a bucket policy that denies non-TLS,
 * off-key uploads and off-endpoint access (bucket-policy.ts), lifecycle archival
 * (lifecycle.ts), server access logs to the region's AccessLogBucket.
 *
 * It is a replication *destination* as-is; the source side (the replication configuration) is
 * BucketReplication, created only in stacks with `storage.replicateTo`.
 */
import * as aws from "../lib/aws";
import * as pulumi from "@pulumi/pulumi";
import { dataBucketPolicy } from "./bucket-policy";
import { bucketSettings } from "./bucket-settings";
import { ACCESS_LOG_PREFIX, REPLICA_OF_TAG, ROLE_DATA, ROLE_TAG } from "./layout";
import { DataLifecycleArgs, planDataLifecycle, validateDataLifecycle } from "./lifecycle";
import { bucketName } from "./naming";

export interface ReplicatedBucketArgs {
    /** Stack name: part of the bucket name. */
    readonly stack: string;
    /** AWS region: part of the bucket name. */
    readonly region: string;
    /** Account id: the last part of the bucket name (bucket names are global; see naming.ts). */
    readonly accountId: pulumi.Input<string>;
    /** The region key's ARN: default encryption, and the only key uploads may name. */
    readonly keyArn: pulumi.Input<string>;
    /**
     * This region's S3 VPC endpoints (gateway for the workers, interface for on-prem uploads):
     * requests from anywhere else are denied unless the caller is exempt.
     */
    readonly allowedVpcEndpointIds: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * Operators (deployer, preview, drift): keep the bucket's management plane from outside the
     * endpoints (every action the provider calls), never its objects. bucket-policy.ts.
     */
    readonly operatorArns: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * Roles that reach objects from outside the endpoints (still TLS-only): this stack's
     * replication role (S3 reads the source outside any VPC) and the break-glass role, if
     * configured. Pass role outputs or verified configured roles. Add nothing else.
     */
    readonly objectAccessArns: pulumi.Input<pulumi.Input<string>[]>;
    /** Name of the region's AccessLogBucket. */
    readonly accessLogBucketName: pulumi.Input<string>;
    /** The log bucket's policy: logging is configured only once it admits the delivery. */
    readonly accessLogBucketPolicy?: pulumi.Resource;
    /** @default "s3-access/" */
    readonly accessLogPrefix?: string;
    /** The validator role(s): the only deleters, under `incoming/` only (bucket-policy.ts). @default none */
    readonly incomingDeleterArns?: pulumi.Input<pulumi.Input<string>[]>;
    /** Source stacks replicating into this bucket (tagged `spot-grid:replica-of`). @default none */
    readonly replicaOf?: readonly string[];
    /** Admit s3:Replicate* from outside the endpoints (bucket-policy.ts). @default when replicaOf is not empty */
    readonly acceptReplicas?: boolean;
    /** Archive and retention of old versions. @default see DEFAULT_LIFECYCLE */
    readonly lifecycle?: DataLifecycleArgs;
    /**
     * Pulumi `protect`: no stack operation may delete the bucket (`pulumi destroy` stops until it
     * is unprotected with `pulumi state unprotect`). Turn off only for throw-away test stacks.
     * `retainOnDelete` is always on and `forceDestroy` always off: data is never deleted by Pulumi.
     * @default true
     */
    readonly protect?: boolean;
}

export class ReplicatedBucket extends pulumi.ComponentResource {
    readonly bucketName: pulumi.Output<string>;
    readonly arn: pulumi.Output<string>;
    /** The versioning resource: replication configurations must wait for it. */
    readonly versioning: aws.s3.BucketVersioning;

    constructor(name: string, args: ReplicatedBucketArgs, opts?: pulumi.ComponentResourceOptions) {
        super("spot-grid:storage:ReplicatedBucket", name, {}, opts);
        const problems = validateDataLifecycle(args.lifecycle ?? {});
        if (problems.length > 0) throw new Error(`ReplicatedBucket ${name}: ${problems.join("; ")}`);
        const protect = args.protect ?? true;
        const accessLogPrefix = args.accessLogPrefix ?? ACCESS_LOG_PREFIX;

        // Logical names are part of URNs: never rename (a rename replaces the bucket).
        const bucket = new aws.s3.Bucket(
            name,
            {
                bucket: pulumi.output(args.accountId).apply((accountId) => bucketName({ stack: args.stack, region: args.region, accountId, purpose: "data" })),
                forceDestroy: false,
                tags: {
                    [ROLE_TAG]: ROLE_DATA,
                    ...(args.replicaOf?.length ? { [REPLICA_OF_TAG]: [...args.replicaOf].sort().join(" ") } : {}),
                },
            },
            { parent: this, protect, retainOnDelete: true },
        );
        this.versioning = bucketSettings(name, {
            bucket,
            encryption: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: args.keyArn }, bucketKeyEnabled: true }],
            policy: pulumi
                .all([bucket.arn, args.keyArn, args.allowedVpcEndpointIds, args.operatorArns, args.objectAccessArns, args.incomingDeleterArns ?? []])
                .apply(([bucketArn, keyArn, endpoints, operatorArns, objectAccessArns, incomingDeleterArns]) =>
                    JSON.stringify(dataBucketPolicy({ bucketArn, keyArn, allowedVpcEndpointIds: endpoints, operatorArns, objectAccessArns, incomingDeleterArns, acceptsReplicas: args.acceptReplicas ?? (args.replicaOf?.length ?? 0) > 0 })),
                ),
            lifecycleRules: planDataLifecycle(args.lifecycle ?? {}),
        }, this).versioning;
        new aws.s3.BucketLogging(
            `${name}-access-logs`,
            {
                bucket: bucket.id,
                targetBucket: args.accessLogBucketName,
                targetPrefix: accessLogPrefix,
                // Date-partitioned keys (by event time) make the logs queryable by day with Athena.
                targetObjectKeyFormat: { partitionedPrefix: { partitionDateSource: "EventTime" } },
            },
            { parent: this, dependsOn: args.accessLogBucketPolicy ? [args.accessLogBucketPolicy] : [] },
        );

        this.bucketName = bucket.bucket;
        this.arn = bucket.arn;
        this.registerOutputs({ bucketName: this.bucketName, arn: this.arn });
    }
}
