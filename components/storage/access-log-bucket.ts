/**
 * AccessLogBucket: the per-region target of the data bucket's S3 server access logs.
 *
 * Encryption is SSE-S3 (AES256), not SSE-KMS, on purpose: AWS documents that the target bucket of
 * server access logging may use default encryption only with SSE-S3, "SSE-KMS is not supported".
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html
 * (aws-cdk once added a check for this and later relaxed it for customer keys,
 * https://github.com/aws/aws-cdk/pull/25350; we follow the AWS documentation and do not rely on
 * undocumented behaviour for audit logs.) The bucket is tagged `spot-grid:role = access-logs` so
 * the encryption policy can allow exactly this exception and nothing else.
 *
 * Otherwise locked down like the data bucket: versioned, public access blocked, ACLs off, TLS and
 * VPC endpoints only, logs append-only for people, archived (and expired only if configured).
 */
import * as aws from "../lib/aws";
import * as pulumi from "@pulumi/pulumi";
import { logBucketPolicy } from "./bucket-policy";
import { bucketSettings } from "./bucket-settings";
import { ACCESS_LOG_PREFIX, ROLE_ACCESS_LOGS, ROLE_TAG } from "./layout";
import { LogLifecycleArgs, planLogLifecycle, validateLogLifecycle } from "./lifecycle";
import { bucketName } from "./naming";

export interface AccessLogBucketArgs {
    readonly stack: string;
    readonly region: string;
    readonly accountId: pulumi.Input<string>;
    /** Buckets allowed to deliver logs here (`aws:SourceArn`). Names are deterministic, so pass them before the buckets exist. */
    readonly sourceBucketArns: pulumi.Input<pulumi.Input<string>[]>;
    /** Key prefix logs are delivered under. @default "s3-access/" */
    readonly logPrefix?: string;
    /** This region's S3 VPC endpoints: the only way in for people. */
    readonly allowedVpcEndpointIds: pulumi.Input<pulumi.Input<string>[]>;
    /** Operators (deployer, preview, drift): manage the bucket from outside the endpoints, no object access. */
    readonly operatorArns: pulumi.Input<pulumi.Input<string>[]>;
    /** Roles that may also reach objects from outside the endpoints: the break-glass role, if configured. */
    readonly objectAccessArns: pulumi.Input<pulumi.Input<string>[]>;
    /** Archive and retention. @default Glacier after 90 days, Deep Archive after 365, never expire */
    readonly lifecycle?: LogLifecycleArgs;
    /** Pulumi `protect` on the bucket (see ReplicatedBucketArgs.protect). @default true */
    readonly protect?: boolean;
}

export class AccessLogBucket extends pulumi.ComponentResource {
    readonly bucketName: pulumi.Output<string>;
    readonly arn: pulumi.Output<string>;
    readonly logPrefix: string;
    /** The bucket policy that admits log delivery: BucketLogging of the sources waits for it. */
    readonly deliveryPolicy: aws.s3.BucketPolicy;

    constructor(name: string, args: AccessLogBucketArgs, opts?: pulumi.ComponentResourceOptions) {
        super("spot-grid:storage:AccessLogBucket", name, {}, opts);
        const problems = validateLogLifecycle(args.lifecycle ?? {});
        if (problems.length > 0) throw new Error(`AccessLogBucket ${name}: ${problems.join("; ")}`);
        const logPrefix = args.logPrefix ?? ACCESS_LOG_PREFIX;
        const protect = args.protect ?? true;

        // Logical names are part of URNs: never rename (a rename replaces the bucket).
        const bucket = new aws.s3.Bucket(
            name,
            {
                bucket: pulumi.output(args.accountId).apply((accountId) => bucketName({ stack: args.stack, region: args.region, accountId, purpose: "logs" })),
                forceDestroy: false,
                tags: { [ROLE_TAG]: ROLE_ACCESS_LOGS },
            },
            { parent: this, protect, retainOnDelete: true },
        );
        const settings = bucketSettings(name, {
            bucket,
            // SSE-S3: the only default encryption server access logging supports (see above).
            encryption: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
            policy: pulumi
                .all([bucket.arn, args.accountId, args.sourceBucketArns, args.allowedVpcEndpointIds, args.operatorArns, args.objectAccessArns])
                .apply(([logBucketArn, accountId, sources, endpoints, operatorArns, objectAccessArns]) =>
                    JSON.stringify(logBucketPolicy({ logBucketArn, accountId, sourceBucketArns: sources, logPrefix, allowedVpcEndpointIds: endpoints, operatorArns, objectAccessArns })),
                ),
            lifecycleRules: planLogLifecycle(args.lifecycle ?? {}),
            // Access logs are mostly small objects: without this they would never leave Standard.
            transitionDefaultMinimumObjectSize: "varies_by_storage_class",
        }, this);
        this.deliveryPolicy = settings.policy;

        this.bucketName = bucket.bucket;
        this.arn = bucket.arn;
        this.logPrefix = logPrefix;
        this.registerOutputs({ bucketName: this.bucketName, arn: this.arn, logPrefix });
    }
}
