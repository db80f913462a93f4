/**
 * AccountTrail: the account's one multi-region CloudTrail trail, created by the audit home stack
 * only (a multi-region trail is one resource in its home Region and records every Region), with:
 * - management events (read and write) and S3 object-level data events of every grid data bucket
 *   (who read and who changed which trading data), global service events (IAM, STS);
 * - log file validation (signed hourly digest files: proof no log was changed or removed);
 * - SSE-KMS with the archive key, delivery to the archive under `cloudtrail/`;
 * - CloudWatch Logs delivery to an encrypted log group, the CIS metric filters on it and their
 *   alarms to the operations topic, and a "trail silent" alarm when no event arrives;
 * - an SNS notification per delivered log file (a KMS-encrypted topic for log consumers such as a
 *   SIEM's queue; not the operations topic, which is for people).
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/receive-cloudtrail-log-files-from-multiple-regions.html
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html
 */
import * as aws from "../lib/aws";
import * as pulumi from "@pulumi/pulumi";
import { iamName } from "../lib/naming";
import { AccountContext } from "../lib/policy-document";
import { CisAlarm, cisAlarms, TRAIL_SILENCE_MINUTES } from "./cis-alarms";
import { logGroupArn } from "../lib/policy-document";
import { ARCHIVE_PREFIXES, auditNames, CIS_METRIC_NAMESPACE, trailArn as trailArnOf } from "./naming";
import { trailEventSelectors, trailLogsDeliveryPolicy, trailLogsTrustPolicy, trailTopicPolicy } from "./trail-policies";

export interface AccountTrailArgs {
    readonly stack: string;
    readonly ctx: pulumi.Input<AccountContext>;
    readonly archiveBucketName: pulumi.Input<string>;
    readonly archiveKeyArn: pulumi.Input<string>;
    /** Data buckets whose object reads and writes are recorded (every region's, by their deterministic names). */
    readonly dataBucketArns: pulumi.Input<pulumi.Input<string>[]>;
    /** Roles whose network and bucket-policy changes are expected (the deployer); others alarm. */
    readonly deployerRoleArns: pulumi.Input<pulumi.Input<string>[]>;
    /** The operations topic: every CIS alarm notifies it. */
    readonly alarmTopicArn: pulumi.Input<string>;
    /** Days the trail's CloudWatch Logs group keeps events (one of CloudWatch's values). @default 365 */
    readonly logRetentionDays?: number;
    /** What the trail must wait for: the archive's bucket policy, Object Lock and key. */
    readonly dependsOn?: pulumi.Input<pulumi.Resource>[];
}

export class AccountTrail extends pulumi.ComponentResource {
    readonly trailArn: pulumi.Output<string>;
    readonly logGroupName: string;
    readonly deliveryTopicArn: pulumi.Output<string>;
    readonly alarmNames: string[];

    constructor(name: string, args: AccountTrailArgs, opts?: pulumi.ComponentResourceOptions) {
        super("spot-grid:audit:AccountTrail", name, {}, opts);
        const names = auditNames(args.stack);
        const ctx = pulumi.output(args.ctx);
        const parent = { parent: this };

        const logGroup = new aws.cloudwatch.LogGroup(
            `${name}-logs`,
            { name: names.trailLogGroup, kmsKeyId: args.archiveKeyArn, retentionInDays: args.logRetentionDays ?? 365 },
            // Audit events: removing the trail from the program must not delete what it recorded.
            { ...parent, retainOnDelete: true },
        );
        const role = new aws.iam.Role(
            `${name}-logs-role`,
            {
                name: ctx.apply((c) => iamName("trail-logs", c.region)),
                description: `CloudTrail delivers the account trail's events to ${names.trailLogGroup}`,
                assumeRolePolicy: JSON.stringify(trailLogsTrustPolicy()),
            },
            parent,
        );
        const delivery = new aws.iam.RolePolicy(
            `${name}-logs-role`,
            { role: role.id, name: "trail-logs-delivery", policy: ctx.apply((c) => JSON.stringify(trailLogsDeliveryPolicy(logGroupArn(c, names.trailLogGroup), c.accountId))) },
            parent,
        );

        const trailArn = ctx.apply((c) => trailArnOf(c.partition, c.region, c.accountId, names.trail));
        const topic = new aws.sns.Topic(`${name}-deliveries`, { name: names.trailDeliveryTopic, kmsMasterKeyId: args.archiveKeyArn }, parent);
        const topicPolicy = new aws.sns.TopicPolicy(
            `${name}-deliveries-policy`,
            { arn: topic.arn, policy: pulumi.all([ctx, topic.arn, trailArn]).apply(([c, arn, t]) => JSON.stringify(trailTopicPolicy(c, arn, t))) },
            parent,
        );

        const trail = new aws.cloudtrail.Trail(
            name,
            {
                name: names.trail,
                s3BucketName: args.archiveBucketName,
                s3KeyPrefix: ARCHIVE_PREFIXES.cloudTrail,
                isMultiRegionTrail: true,
                includeGlobalServiceEvents: true,
                enableLogging: true,
                enableLogFileValidation: true,
                kmsKeyId: args.archiveKeyArn,
                // CloudTrail names the log group as `<arn>:*` (all its streams).
                cloudWatchLogsGroupArn: pulumi.interpolate`${logGroup.arn}:*`,
                cloudWatchLogsRoleArn: role.arn,
                snsTopicName: topic.arn,
                advancedEventSelectors: pulumi.output(args.dataBucketArns).apply((arns) => trailEventSelectors(arns)),
            },
            // CloudTrail checks the bucket policy, key and topic when the trail is created or updated.
            { ...parent, dependsOn: [delivery, topicPolicy, ...(args.dependsOn ?? [])] },
        );

        const alarms = pulumi.output(args.deployerRoleArns).apply((arns) => cisAlarms(arns));
        this.alarmNames = [];
        // The alarm set is fixed; only the deployer's ARN inside the patterns comes from an output.
        for (const id of cisAlarms([]).map((a) => a.id)) {
            const alarm = alarms.apply((all) => all.find((a) => a.id === id) as CisAlarm);
            const filter = new aws.cloudwatch.LogMetricFilter(
                `${name}-cis-${id}`,
                {
                    name: names.cisMetric(id),
                    logGroupName: logGroup.name,
                    pattern: alarm.pattern,
                    metricTransformation: { name: names.cisMetric(id), namespace: CIS_METRIC_NAMESPACE, value: "1" },
                },
                parent,
            );
            new aws.cloudwatch.MetricAlarm(
                `${name}-cis-${id}`,
                {
                    name: names.cisAlarm(id),
                    alarmDescription: alarm.apply((a) => `${a.control}: ${a.title} (metric filter ${names.cisMetric(id)} on ${names.trailLogGroup}).`),
                    namespace: CIS_METRIC_NAMESPACE,
                    metricName: names.cisMetric(id),
                    statistic: "Sum",
                    period: 300,
                    evaluationPeriods: 1,
                    comparisonOperator: "GreaterThanOrEqualToThreshold",
                    threshold: 1,
                    // No event, no metric: nothing happened.
                    treatMissingData: "notBreaching",
                    alarmActions: [args.alarmTopicArn],
                },
                { ...parent, dependsOn: [filter] },
            );
            this.alarmNames.push(names.cisAlarm(id));
        }
        // The trail stopped delivering (stopped, deleted, its role or key broken): no events for 30 minutes.
        new aws.cloudwatch.MetricAlarm(
            `${name}-silent`,
            {
                name: names.cisAlarm("trail-silent"),
                alarmDescription: `No CloudTrail event reached ${names.trailLogGroup} for ${TRAIL_SILENCE_MINUTES} minutes: the account trail stopped delivering.`,
                namespace: "AWS/Logs",
                metricName: "IncomingLogEvents",
                dimensions: { LogGroupName: names.trailLogGroup },
                statistic: "Sum",
                period: 300,
                evaluationPeriods: TRAIL_SILENCE_MINUTES / 5,
                comparisonOperator: "LessThanThreshold",
                threshold: 1,
                treatMissingData: "breaching",
                alarmActions: [args.alarmTopicArn],
                okActions: [args.alarmTopicArn],
            },
            { ...parent, dependsOn: [trail] },
        );
        this.alarmNames.push(names.cisAlarm("trail-silent"));

        this.trailArn = trail.arn;
        this.logGroupName = names.trailLogGroup;
        this.deliveryTopicArn = topic.arn;
        this.registerOutputs({ trailArn: this.trailArn, logGroupName: this.logGroupName, deliveryTopicArn: this.deliveryTopicArn });
    }
}
