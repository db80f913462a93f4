/**
 * LogArchive: a region's audit log archive. CloudTrail (in the audit home), AWS Config and the VPC
 * flow logs deliver here; the auditor reads; nobody deletes.
 *
 * One archive per region, not one in the primary with replication:
 * - each region's logs stay in that region (Mumbai's and Hyderabad's in India, Ohio's in the US),
 *   what data-residency rules for Indian financial records ask, and no region's audit trail
 *   depends on another region being up to be written;
 * - SSE-KMS keys are regional: every delivering service encrypts with a key of the bucket's Region
 *   (Config: "Must belong to the same Region as the destination S3 bucket"), so a central archive
 *   would still need a key per delivering Region's copy;
 * - S3 server access logs can be written only to a bucket in the source's Region and never to a
 *   bucket with Object Lock, so they stay in the region's access-log bucket either way.
 *   https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock-configure.html
 * The one cross-region stream is the multi-region trail, which writes every Region's events to
 * the audit home's archive, as a multi-region trail does.
 *
 * The bucket: SSE-KMS with its own key (no data key can read logs, no log key can read data),
 * S3 Bucket Key on, versioning (Object Lock requires it), Object Lock enabled at creation with a
 * default retention from config, public access blocked, ACLs off, TLS only, delivery by the
 * services only, reads by the auditor only, `protect` and `retainOnDelete`. Its own reads are
 * server-access-logged into the region's access-log bucket (who read the audit logs).
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html
 */
import * as aws from "../lib/aws";
import * as pulumi from "@pulumi/pulumi";
import { AccountContext } from "../lib/policy-document";
import { bucketSettings } from "../storage/bucket-settings";
import { ROLE_TAG } from "../storage/layout";
import { bucketName } from "../storage/naming";
import { ArchiveRetentionArgs, planArchiveLifecycle, resolveArchiveRetention, validateArchiveRetention } from "./archive-lifecycle";
import { archiveBucketPolicy, archiveKeyPolicy } from "./archive-policies";
import { ROLE_AUDIT_KEY, ROLE_LOG_ARCHIVE } from "./config-rules";
import { logGroupArn } from "../lib/policy-document";
import { auditNames, trailArn } from "./naming";

/** Where the archive's own server access logs go in the access-log bucket. */
export const ARCHIVE_ACCESS_LOG_PREFIX = "s3-access/";

export interface LogArchiveArgs {
    readonly stack: string;
    readonly ctx: pulumi.Input<AccountContext>;
    /** This region's S3 endpoints: the only way in to objects for people (the auditor included). */
    readonly allowedVpcEndpointIds: pulumi.Input<pulumi.Input<string>[]>;
    /** Operators (deployer, preview, drift): manage the bucket and key from outside the endpoints, no objects. */
    readonly operatorArns: pulumi.Input<pulumi.Input<string>[]>;
    /** The auditor role (verified to exist): reads archived logs. @default none: nobody reads (the plan warns) */
    readonly auditorRoleArn?: pulumi.Input<string>;
    /** The break-glass role (verified to exist): reads from outside the endpoints too. Never writes. */
    readonly breakGlassRoleArn?: pulumi.Input<string>;
    /** Audit home with the account trail: the trail, its log group and its managers (the deployer) are admitted. */
    readonly trail?: { readonly managerArns: pulumi.Input<pulumi.Input<string>[]> };
    /** The region's access-log bucket: the archive's own reads are logged there. */
    readonly accessLogBucketName: pulumi.Input<string>;
    /** The access-log bucket's policy (it must admit this bucket first). */
    readonly accessLogBucketPolicy?: pulumi.Resource;
    readonly retention?: ArchiveRetentionArgs;
    /** Pulumi `protect` on the bucket and key. @default true */
    readonly protect?: boolean;
}

export class LogArchive extends pulumi.ComponentResource {
    readonly bucketName: pulumi.Output<string>;
    readonly arn: pulumi.Output<string>;
    readonly keyArn: pulumi.Output<string>;
    /** The bucket policy: deliveries (trail, recorder, flow log) wait for it. */
    readonly policy: aws.s3.BucketPolicy;
    /** The Object Lock configuration: nothing should be delivered before the default retention applies. */
    readonly objectLock: aws.s3.BucketObjectLockConfiguration;

    constructor(name: string, args: LogArchiveArgs, opts?: pulumi.ComponentResourceOptions) {
        super("spot-grid:audit:LogArchive", name, {}, opts);
        const problems = validateArchiveRetention(args.retention ?? {});
        if (problems.length > 0) throw new Error(`LogArchive ${name}: ${problems.join("; ")}`);
        const retention = resolveArchiveRetention(args.retention ?? {});
        const protect = args.protect ?? true;
        const names = auditNames(args.stack);
        const ctx = pulumi.output(args.ctx);
        const archiveArn = ctx.apply((c) => `arn:${c.partition}:s3:::${bucketName({ stack: args.stack, region: c.region, accountId: c.accountId, purpose: "audit" })}`);
        const readers = pulumi.all([args.auditorRoleArn ?? "", args.breakGlassRoleArn ?? ""]).apply((rs) => rs.filter((r) => r !== ""));

        // Logical names are part of URNs: never rename (a new key could not decrypt the archive).
        const key = new aws.kms.Key(
            `${name}-key`,
            {
                description: `spot-grid ${args.stack}: the audit log archive (CloudTrail, AWS Config, VPC flow logs)`,
                enableKeyRotation: true,
                deletionWindowInDays: 30,
                policy: pulumi.all([ctx, archiveArn, readers, args.trail?.managerArns ?? []]).apply(([c, bucketArn, rs, managers]) =>
                    JSON.stringify(
                        archiveKeyPolicy({
                            ...c,
                            archiveBucketArn: bucketArn,
                            trailArn: args.trail ? trailArn(c.partition, c.region, c.accountId) : undefined,
                            trailLogGroupArn: args.trail ? logGroupArn(c, names.trailLogGroup) : undefined,
                            readerArns: rs,
                            trailManagerArns: args.trail ? managers : undefined,
                        }),
                    ),
                ),
                tags: { [ROLE_TAG]: ROLE_AUDIT_KEY },
            },
            { parent: this, protect, retainOnDelete: true },
        );
        new aws.kms.Alias(`${name}-key-alias`, { name: names.archiveKeyAlias, targetKeyId: key.keyId }, { parent: this });

        const bucket = new aws.s3.Bucket(
            name,
            {
                bucket: ctx.apply((c) => bucketName({ stack: args.stack, region: c.region, accountId: c.accountId, purpose: "audit" })),
                // Object Lock is set when the bucket is created (it turns versioning on, for good).
                objectLockEnabled: true,
                forceDestroy: false,
                tags: { [ROLE_TAG]: ROLE_LOG_ARCHIVE },
            },
            { parent: this, protect, retainOnDelete: true },
        );
        const settings = bucketSettings(name, {
            bucket,
            encryption: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn }, bucketKeyEnabled: true }],
            policy: pulumi
                .all([ctx, bucket.arn, args.allowedVpcEndpointIds, args.operatorArns, readers, args.breakGlassRoleArn ?? ""])
                .apply(([c, arn, endpoints, operators, rs, breakGlass]) =>
                    JSON.stringify(
                        archiveBucketPolicy({
                            ctx: c,
                            archiveBucketArn: arn,
                            allowedVpcEndpointIds: endpoints,
                            operatorArns: operators,
                            objectAccessArns: breakGlass ? [breakGlass] : [],
                            readerArns: rs,
                            trailArn: args.trail ? trailArn(c.partition, c.region, c.accountId) : undefined,
                        }),
                    ),
                ),
            lifecycleRules: planArchiveLifecycle(args.retention ?? {}),
            // Log files are small: without this they would never leave S3 Standard.
            transitionDefaultMinimumObjectSize: "varies_by_storage_class",
        }, this);
        this.policy = settings.policy;
        this.objectLock = new aws.s3.BucketObjectLockConfiguration(
            `${name}-object-lock`,
            { bucket: bucket.id, rule: { defaultRetention: { mode: retention.objectLockMode, days: retention.objectLockDays } } },
            { parent: this, dependsOn: [settings.versioning] },
        );
        new aws.s3.BucketLogging(
            `${name}-access-logs`,
            {
                bucket: bucket.id,
                targetBucket: args.accessLogBucketName,
                targetPrefix: ARCHIVE_ACCESS_LOG_PREFIX,
                targetObjectKeyFormat: { partitionedPrefix: { partitionDateSource: "EventTime" } },
            },
            { parent: this, dependsOn: args.accessLogBucketPolicy ? [args.accessLogBucketPolicy] : [] },
        );

        this.bucketName = bucket.bucket;
        this.arn = bucket.arn;
        this.keyArn = key.arn;
        this.registerOutputs({ bucketName: this.bucketName, arn: this.arn, keyArn: this.keyArn });
    }
}
