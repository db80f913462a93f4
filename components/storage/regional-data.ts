/**
 * RegionalData: the data layer of one region stack, composed from the storage and keys
 * components: region data key, access-log bucket, data bucket, on-prem uploader and reference
 * publisher roles (in every region that configures them; granted only in the primary) and, in the
 * primary, the replication to the peers.
 *
 * Nothing here trusts a principal by a name that may not exist (docs/identity.md): the roles the
 * key and bucket policies name are created first and passed as outputs (workers: compute; uploader
 * and replication: here), or are configured principals verified to exist (operators,
 * break-glass: infra/principals.ts). Replicas from other regions are admitted by action, not by name.
 */
import * as aws from "../lib/aws";
import * as pulumi from "@pulumi/pulumi";
import { RegionKey } from "../keys/region-key";
import { workerDataAccessPolicy } from "./access-policies";
import { AccessLogBucket } from "./access-log-bucket";
import { BucketReplication, replicationRole, ReplicationDestinationArgs } from "./bucket-replication";
import { DATA_PREFIXES, ROLE_REFERENCE_PUBLISHER, STATIC_PREFIX } from "./layout";
import { DataLifecycleArgs, LogLifecycleArgs } from "./lifecycle";
import { bucketName, referencePublisherRoleName } from "./naming";
import { ReplicatedBucket } from "./replicated-bucket";
import { UploaderRole } from "./uploader-role";

export interface RegionalDataArgs {
    readonly stack: string;
    readonly region: string;
    /** @default the caller identity's account (aws.getCallerIdentity) */
    readonly accountId?: pulumi.Input<string>;
    /** @default the provider's partition (aws.getPartition) */
    readonly partition?: pulumi.Input<string>;
    /** This region's S3 endpoints (gateway + interface): the only way in to objects. */
    readonly allowedVpcEndpointIds: pulumi.Input<pulumi.Input<string>[]>;
    /** The S3 interface endpoint on-prem uploads through. Needed when `uploaderPrincipalArn` is set. */
    readonly uploadEndpointId?: pulumi.Input<string>;
    /** On-prem uploader's AWS principal (set it in every stack that may take uploads). Unset: no uploader role. */
    readonly uploaderPrincipalArn?: pulumi.Input<string>;
    /** On-prem reference-data publisher's AWS principal (puts under `static/`). Unset: no publisher role. */
    readonly publisherPrincipalArn?: pulumi.Input<string>;
    /**
     * This stack is the primary (the one that replicates to the others): the only stack whose
     * uploader and publisher may write, and whose validator may delete uploads. In a replica the
     * roles exist (trust configured, ARNs published) with no permissions, so a failover is a config
     * change (docs/data.md). @default true
     */
    readonly primary?: boolean;
    /**
     * The role that validates uploads (default: the workers' role): the only principal that may
     * delete, and only under `incoming/`, and only in the primary. Created first or verified.
     */
    readonly validatorRoleArn?: pulumi.Input<string>;
    /**
     * Further roles that use the key through S3 (the results reader; a validator other than the
     * workers' role). Role outputs created first, or verified configured roles. @default []
     */
    readonly keyUserArns?: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * Deployer, preview and drift roles (verified to exist): keep the buckets' management plane from
     * outside the endpoints, never their objects. Keys are administered through IAM (key-policy.ts).
     */
    readonly operatorArns: pulumi.Input<pulumi.Input<string>[]>;
    /** Break-glass role (verified to exist): objects from outside the endpoints and key use. @default none */
    readonly breakGlassRoleArn?: pulumi.Input<string>;
    /** The workers' role (created by compute first): reads and writes its prefixes, uses the key. */
    readonly workersRole: { readonly arn: pulumi.Input<string>; readonly name: pulumi.Input<string> };
    /** Stacks that replicate into this bucket (tagged `spot-grid:replica-of`). */
    readonly replicationSources?: readonly { readonly stack: string; readonly region: string }[];
    /**
     * Admit replicas by action (bucket policy) and encryption context (key), whoever the primary is.
     * In a stack set every bucket admits them, so a failover changes no bucket or key policy of any
     * destination and an old primary's leftovers can still be replicated (S3 Batch Replication)
     * into the new one (docs/data.md). @default when replicationSources is not empty
     */
    readonly acceptReplicas?: boolean;
    /** Peers this stack replicates to (from their stack outputs). Empty: no replication here. */
    readonly replicateTo?: readonly ReplicationDestinationArgs[];
    readonly lifecycle?: DataLifecycleArgs;
    readonly logLifecycle?: LogLifecycleArgs;
    /** Other buckets of the stack whose server access logs land in the access-log bucket (the log archive). @default none */
    readonly logSourceBucketArns?: pulumi.Input<pulumi.Input<string>[]>;
    /** The operations topic: replication alarms notify it. @default none */
    readonly alarmTopicArn?: pulumi.Input<string>;
    /** Pulumi `protect` on the key and buckets. @default true */
    readonly protect?: boolean;
}

export class RegionalData extends pulumi.ComponentResource {
    readonly key: RegionKey;
    readonly bucket: ReplicatedBucket;
    readonly logBucket: AccessLogBucket;
    readonly uploader?: UploaderRole;
    readonly publisher?: UploaderRole;
    readonly replication?: BucketReplication;
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
        const breakGlass = args.breakGlassRoleArn !== undefined ? [args.breakGlassRoleArn] : [];
        const primary = args.primary ?? true;
        const acceptReplicas = args.acceptReplicas ?? sources.length > 0;
        if (args.publisherPrincipalArn !== undefined && args.uploadEndpointId === undefined) {
            throw new Error(`RegionalData ${name}: publisherPrincipalArn is set but uploadEndpointId is not; pass the S3 interface endpoint on-prem publishes through`);
        }

        // Roles first: the key and the bucket policy name their ARN outputs, so they exist first.
        if (args.uploaderPrincipalArn !== undefined) {
            this.uploader = new UploaderRole(`${name}-uploader`, {
                region: args.region,
                uploaderPrincipalArn: args.uploaderPrincipalArn,
                uploadEndpointId: args.uploadEndpointId!,
            }, { parent: this });
        }
        if (args.publisherPrincipalArn !== undefined) {
            this.publisher = new UploaderRole(`${name}-publisher`, {
                region: args.region,
                uploaderPrincipalArn: args.publisherPrincipalArn,
                uploadEndpointId: args.uploadEndpointId!,
                prefix: STATIC_PREFIX,
                roleName: referencePublisherRoleName(args.region),
                description: "On-prem reference data (calendars, instrument static) into static/ of the spot-grid data bucket",
                roleTag: ROLE_REFERENCE_PUBLISHER,
                trustSid: "OnPremPublisherAssumesRole",
            }, { parent: this });
        }
        const writers = primary ? [this.uploader, this.publisher].filter((w): w is UploaderRole => w !== undefined) : [];
        const validator = args.validatorRoleArn ?? args.workersRole.arn;
        const ownReplicationRole = replicateTo.length > 0 ? replicationRole(`${name}-replication-role`, args.region, this) : undefined;

        // The data bucket's name is deterministic, so the log bucket's and key's policies can name it first.
        const dataBucketArn = pulumi.all([partition, accountId]).apply(([p, a]) => `arn:${p}:s3:::${bucketName({ stack: args.stack, region: args.region, accountId: a, purpose: "data" })}`);

        this.key = new RegionKey(name, {
            stack: args.stack,
            region: args.region,
            accountId,
            partition,
            purpose: "data",
            keyUserArns: pulumi.all([
                args.workersRole.arn,
                ...writers.map((w) => w.roleArn),
                ...(primary && args.validatorRoleArn !== undefined ? [args.validatorRoleArn] : []),
                ...(ownReplicationRole ? [ownReplicationRole.arn] : []),
                ...breakGlass,
            ]).apply((fixed) => pulumi.output(args.keyUserArns ?? []).apply((extra) => [...new Set([...fixed, ...extra])])),
            replicaBucketArn: acceptReplicas ? dataBucketArn : undefined,
            protect: args.protect,
        }, { parent: this });

        this.logBucket = new AccessLogBucket(`${name}-logs`, {
            stack: args.stack,
            region: args.region,
            accountId,
            sourceBucketArns: pulumi.all([dataBucketArn, args.logSourceBucketArns ?? []]).apply(([data, others]) => [data, ...others]),
            allowedVpcEndpointIds: args.allowedVpcEndpointIds,
            operatorArns: args.operatorArns,
            objectAccessArns: breakGlass,
            lifecycle: args.logLifecycle,
            protect: args.protect,
        }, { parent: this });

        this.bucket = new ReplicatedBucket(`${name}-data`, {
            stack: args.stack,
            region: args.region,
            accountId,
            keyArn: this.key.arn,
            allowedVpcEndpointIds: args.allowedVpcEndpointIds,
            operatorArns: args.operatorArns,
            objectAccessArns: [...(ownReplicationRole ? [ownReplicationRole.arn] : []), ...breakGlass],
            accessLogBucketName: this.logBucket.bucketName,
            accessLogBucketPolicy: this.logBucket.deliveryPolicy,
            accessLogPrefix: this.logBucket.logPrefix,
            replicaOf: sources.map((s) => s.stack),
            acceptReplicas,
            incomingDeleterArns: primary ? [validator] : [],
            lifecycle: args.lifecycle,
            protect: args.protect,
        }, { parent: this });

        for (const w of writers) w.grant(this.bucket.arn, this.key.arn);

        // The workers' data policy lives with the data it grants (the role is compute's).
        new aws.iam.RolePolicy(`${name}-workers-data`, {
            role: args.workersRole.name,
            name: "data-access",
            policy: pulumi.all([this.bucket.arn, this.key.arn]).apply(([bucketArn, keyArn]) => JSON.stringify(workerDataAccessPolicy({ bucketArn, keyArn, region: args.region }))),
        }, { parent: this });

        if (ownReplicationRole) {
            this.replication = new BucketReplication(`${name}-replication`, {
                region: args.region,
                role: ownReplicationRole,
                sourceBucketName: this.bucket.bucketName,
                sourceBucketArn: this.bucket.arn,
                sourceKeyArn: this.key.arn,
                sourceVersioning: this.bucket.versioning,
                destinations: replicateTo,
                alarmTopicArn: args.alarmTopicArn,
            }, { parent: this });
        }

        this.registerOutputs({
            bucketName: this.bucket.bucketName,
            bucketArn: this.bucket.arn,
            keyArn: this.key.arn,
            logBucketName: this.logBucket.bucketName,
            replicationRoleArn: this.replication?.roleArn,
            uploaderRoleArn: this.uploader?.roleArn,
            publisherRoleArn: this.publisher?.roleArn,
        });
    }
}
