/**
 * RegionalAudit: the audit layer of one region stack. The log archive, the VPC's flow logs into it
 * (Parquet, hourly partitions: queryable with Athena next to the CloudWatch Logs copy the network
 * keeps for near-real-time queries), AWS Config recording and rules, and, in the audit home with
 * `trail: account`, the account's multi-region trail and its CIS alarms.
 *
 * Built last: it needs the VPC and its S3 endpoints (network), the access-log bucket (data) and
 * the operations topic; nothing else waits for it.
 */
import * as aws from "../lib/aws";
import * as pulumi from "@pulumi/pulumi";
import { AccountContext } from "../lib/policy-document";
import { AccountTrail } from "./account-trail";
import { ArchiveRetentionArgs } from "./archive-lifecycle";
import { ConfigRecorder } from "./config-recorder";
import { LogArchive } from "./log-archive";
import { bucketName } from "../storage/naming";
import { ARCHIVE_PREFIXES } from "./naming";

/** `account`: this stack creates the account trail; `organization`: an organisation trail records the account. */
export type TrailMode = "account" | "organization";

/**
 * VPC flow logs to S3 as Apache Parquet with Hive-compatible, per-hour partitions: smaller files,
 * and Athena reads only the hours a query asks for.
 * https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-s3-path.html
 */
export const FLOW_LOG_ARCHIVE_OPTIONS = { fileFormat: "parquet", hiveCompatiblePartitions: true, perHourPartition: true } as const;

export interface RegionalAuditArgs {
    readonly stack: string;
    readonly ctx: pulumi.Input<AccountContext>;
    readonly vpcId: pulumi.Input<string>;
    readonly allowedVpcEndpointIds: pulumi.Input<pulumi.Input<string>[]>;
    /** Deployer, preview, drift: the management plane of the archive, no objects. */
    readonly operatorArns: pulumi.Input<pulumi.Input<string>[]>;
    /** The deployer: the CIS change alarms ignore its changes; it manages the trail. */
    readonly deployerRoleArn?: pulumi.Input<string>;
    readonly auditorRoleArn?: pulumi.Input<string>;
    readonly breakGlassRoleArn?: pulumi.Input<string>;
    readonly accessLogBucketName: pulumi.Input<string>;
    readonly accessLogBucketPolicy?: pulumi.Resource;
    /** Set in the audit home only (one stack of the set). */
    readonly trail?: TrailMode;
    /** Every region stack of the grid: the account trail records their data buckets' S3 data events. */
    readonly gridStacks: readonly { readonly stack: string; readonly region: string }[];
    /** This stack's data bucket replicates to other regions. */
    readonly replicates: boolean;
    readonly alarmTopicArn: pulumi.Input<string>;
    readonly retention?: ArchiveRetentionArgs;
    /** Days the trail's CloudWatch Logs group keeps events. @default 365 */
    readonly trailLogRetentionDays?: number;
    /** Pulumi `protect` on the archive bucket and key. @default true */
    readonly protect?: boolean;
}

export class RegionalAudit extends pulumi.ComponentResource {
    readonly archive: LogArchive;
    readonly recorder: ConfigRecorder;
    readonly trail?: AccountTrail;
    readonly flowLogId: pulumi.Output<string>;

    constructor(name: string, args: RegionalAuditArgs, opts?: pulumi.ComponentResourceOptions) {
        super("spot-grid:audit:RegionalAudit", name, {}, opts);
        const deployers = args.deployerRoleArn !== undefined ? [args.deployerRoleArn] : [];

        // Logical name `<stack>-archive`: never change it, it is part of every archive URN.
        this.archive = new LogArchive(`${name}-archive`, {
            stack: args.stack,
            ctx: args.ctx,
            allowedVpcEndpointIds: args.allowedVpcEndpointIds,
            operatorArns: args.operatorArns,
            auditorRoleArn: args.auditorRoleArn,
            breakGlassRoleArn: args.breakGlassRoleArn,
            trail: args.trail === "account" ? { managerArns: deployers } : undefined,
            accessLogBucketName: args.accessLogBucketName,
            accessLogBucketPolicy: args.accessLogBucketPolicy,
            retention: args.retention,
            protect: args.protect,
        }, { parent: this });
        const deliveriesWaitFor = [this.archive.policy, this.archive.objectLock];

        const flowLog = new aws.ec2.FlowLog(
            `${name}-flow-logs-archive`,
            {
                vpcId: args.vpcId,
                trafficType: "ALL",
                logDestinationType: "s3",
                logDestination: pulumi.interpolate`${this.archive.arn}/${ARCHIVE_PREFIXES.flowLogs}`,
                destinationOptions: { ...FLOW_LOG_ARCHIVE_OPTIONS },
                tags: { Name: `${name}-flow-logs-archive` },
            },
            { parent: this, dependsOn: deliveriesWaitFor },
        );
        this.flowLogId = flowLog.id;

        this.recorder = new ConfigRecorder(`${name}-config`, {
            stack: args.stack,
            ctx: args.ctx,
            auditHome: args.trail !== undefined,
            replicates: args.replicates,
            archiveBucketName: this.archive.bucketName,
            archiveKeyArn: this.archive.keyArn,
            alarmTopicArn: args.alarmTopicArn,
            dependsOn: deliveriesWaitFor,
        }, { parent: this });

        if (args.trail === "account") {
            this.trail = new AccountTrail(`${name}-trail`, {
                stack: args.stack,
                ctx: args.ctx,
                archiveBucketName: this.archive.bucketName,
                archiveKeyArn: this.archive.keyArn,
                // Data buckets are named from stack, region and account (components/storage/naming).
                dataBucketArns: pulumi.output(args.ctx).apply((c) =>
                    args.gridStacks.map((s) => `arn:${c.partition}:s3:::${bucketName({ stack: s.stack, region: s.region, accountId: c.accountId, purpose: "data" })}`).sort(),
                ),
                deployerRoleArns: deployers,
                alarmTopicArn: args.alarmTopicArn,
                logRetentionDays: args.trailLogRetentionDays,
                dependsOn: deliveriesWaitFor,
            }, { parent: this });
        }

        this.registerOutputs({ archiveBucketName: this.archive.bucketName, archiveKeyArn: this.archive.keyArn, flowLogId: this.flowLogId, trailArn: this.trail?.trailArn });
    }
}
