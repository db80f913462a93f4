/**
 * The settings every bucket of ours gets, as aws 7.x split resources beside the bucket: versioning,
 * default encryption, all four public-access blocks, ACLs off (BucketOwnerEnforced), a bucket
 * policy and lifecycle rules. Shared by the data and the access-log buckets so neither can drift
 * from the other's baseline. Child names are `<name>-<setting>`: never change them (a rename
 * replaces the setting, briefly leaving the bucket without it).
 */
import * as aws from "../lib/aws";
import * as pulumi from "@pulumi/pulumi";

export interface BucketSettingsArgs {
    readonly bucket: aws.s3.Bucket;
    /** Default-encryption rules. */
    readonly encryption: pulumi.Input<aws.types.input.s3.BucketServerSideEncryptionConfigurationRule[]>;
    /** The bucket policy document (JSON). */
    readonly policy: pulumi.Input<string>;
    readonly lifecycleRules: pulumi.Input<aws.types.input.s3.BucketLifecycleConfigurationRule[]>;
    /**
     * S3's default since September 2024 (`all_storage_classes_128K`) keeps objects under 128 KB
     * from transitioning at all; `varies_by_storage_class` lets them move to Glacier Flexible
     * Retrieval and Deep Archive (what access logs, mostly small objects, need).
     * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketLifecycleConfiguration.html
     * @default S3's default
     */
    readonly transitionDefaultMinimumObjectSize?: "varies_by_storage_class" | "all_storage_classes_128K";
}

/** The settings resources other resources must wait for. */
export interface BucketSettings {
    /** Replication configurations must wait for versioning. */
    readonly versioning: aws.s3.BucketVersioning;
    /** Deliveries into the bucket (server access logging) must wait for the policy that admits them. */
    readonly policy: aws.s3.BucketPolicy;
}

/** Creates the settings as children of `parent`. */
export function bucketSettings(name: string, args: BucketSettingsArgs, parent: pulumi.Resource): BucketSettings {
    const bucket = args.bucket.id;
    const versioning = new aws.s3.BucketVersioning(`${name}-versioning`, { bucket, versioningConfiguration: { status: "Enabled" } }, { parent });
    new aws.s3.BucketServerSideEncryptionConfiguration(`${name}-encryption`, { bucket, rules: args.encryption }, { parent });
    const publicAccess = new aws.s3.BucketPublicAccessBlock(
        `${name}-public-access`,
        { bucket, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
        { parent },
    );
    // ACLs off: access is granted by policies only (log delivery included).
    new aws.s3.BucketOwnershipControls(`${name}-ownership`, { bucket, rule: { objectOwnership: "BucketOwnerEnforced" } }, { parent });
    // A policy put while the public access block is being created can race it.
    const policy = new aws.s3.BucketPolicy(`${name}-policy`, { bucket, policy: args.policy }, { parent, dependsOn: [publicAccess] });
    // Lifecycle rules on noncurrent versions need versioning first.
    new aws.s3.BucketLifecycleConfiguration(
        `${name}-lifecycle`,
        {
            bucket,
            rules: args.lifecycleRules,
            ...(args.transitionDefaultMinimumObjectSize ? { transitionDefaultMinimumObjectSize: args.transitionDefaultMinimumObjectSize } : {}),
        },
        { parent, dependsOn: [versioning] },
    );
    return { versioning, policy };
}
