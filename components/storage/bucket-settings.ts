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
}

/** Creates the settings as children of `parent`; returns the versioning resource (replication waits for it). */
export function bucketSettings(name: string, args: BucketSettingsArgs, parent: pulumi.Resource): aws.s3.BucketVersioning {
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
    new aws.s3.BucketPolicy(`${name}-policy`, { bucket, policy: args.policy }, { parent, dependsOn: [publicAccess] });
    // Lifecycle rules on noncurrent versions need versioning first.
    new aws.s3.BucketLifecycleConfiguration(`${name}-lifecycle`, { bucket, rules: args.lifecycleRules }, { parent, dependsOn: [versioning] });
    return versioning;
}
