/**
 * BucketReplication: the source side of cross-region replication. One replication role (the
 * exact permissions AWS documents for SSE-KMS objects, access-policies.ts) and one replication
 * configuration with a rule per destination (replication-rules.ts).
 *
 * Destinations must exist first: their buckets (versioned) and keys come from the peer stacks'
 * outputs, which is why replica stacks deploy before the source (infra/config/stack-set.ts).
 * The destinations never name the source's role, so flipping the primary needs no change there.
 */
import * as aws from "../lib/aws";
import * as pulumi from "@pulumi/pulumi";
import { replicationRolePolicy, replicationTrustPolicy } from "./access-policies";
import { ROLE_REPLICATION, ROLE_TAG } from "./layout";
import { replicationRoleName } from "./naming";

/**
 * The source stack's replication role: trusted by S3 only. Its permissions are attached by
 * BucketReplication once the destinations are known. No other stack names it: destinations admit
 * replicas by action and encryption context (bucket-policy.ts, key-policy.ts).
 */
export function replicationRole(name: string, region: string, parent: pulumi.Resource): aws.iam.Role {
    return new aws.iam.Role(
        name,
        {
            name: replicationRoleName(region),
            description: "S3 cross-region replication of the spot-grid data bucket (SSE-KMS)",
            assumeRolePolicy: JSON.stringify(replicationTrustPolicy()),
            tags: { [ROLE_TAG]: ROLE_REPLICATION },
        },
        { parent },
    );
}
import { replicatedPrefixes } from "./layout";
import { planReplicationRules, REPLICATION_TIME_MINUTES, replicationRuleId } from "./replication-rules";

export interface ReplicationDestinationArgs {
    /** Peer stack name (names the rule `to-<stack>`). */
    readonly stack: string;
    /** Peer region (the `kms:ViaService` of its key). */
    readonly region: string;
    readonly bucketArn: pulumi.Input<string>;
    /** The peer's key ARN (not an alias): replicas are re-encrypted with it. */
    readonly keyArn: pulumi.Input<string>;
    /** Use S3 RTC on this rule (replication-rules.ts rtcAvailable). @default true */
    readonly replicationTimeControl?: boolean;
}

export interface BucketReplicationArgs {
    /** Source region (the `kms:ViaService` of the source key). */
    readonly region: string;
    /**
     * The replication role, created first by the caller (replicationRole()) so the source key and
     * bucket policy can name its ARN output before anything else references it.
     */
    readonly role: aws.iam.Role;
    /** The source bucket's name (id). */
    readonly sourceBucketName: pulumi.Input<string>;
    readonly sourceBucketArn: pulumi.Input<string>;
    /** The source region key (objects are decrypted with it for replication). */
    readonly sourceKeyArn: pulumi.Input<string>;
    /** The source bucket's versioning resource: S3 rejects replication on an unversioned bucket. */
    readonly sourceVersioning: pulumi.Resource;
    /** One per peer in `storage.replicateTo`; at least one. */
    readonly destinations: readonly ReplicationDestinationArgs[];
    /** The operations topic: per-destination failure and latency alarms notify it. @default none */
    readonly alarmTopicArn?: pulumi.Input<string>;
}

/** RTC's threshold in seconds: a replication latency above it breaks the 15-minute SLA. */
export const REPLICATION_LATENCY_ALARM_SECONDS = REPLICATION_TIME_MINUTES * 60;

/**
 * The two replication alarms of one destination, as MetricAlarm arguments. S3 publishes
 * replication metrics (with RTC on, or replication metrics enabled) per source bucket, destination
 * bucket and rule: OperationsFailedReplication (count) and ReplicationLatency (seconds). A
 * destination has one rule per replicated prefix, so each alarm combines that destination's rules
 * with metric math: the SUM of failures, the MAX of latencies.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/metrics-dimensions.html#s3-cloudwatch-replication-metrics
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Create-alarm-on-metric-math-expression.html
 */
export function replicationAlarmArgs(a: { sourceBucket: string; destinationBucket: string; ruleIds: readonly string[]; destination: string; actions: string[] }): Record<"failed" | "latency", aws.cloudwatch.MetricAlarmArgs> {
    const query = (metricName: string, stat: string) =>
        a.ruleIds.map((ruleId, i) => ({
            id: `r${i}`,
            metric: { namespace: "AWS/S3", metricName, dimensions: { SourceBucket: a.sourceBucket, DestinationBucket: a.destinationBucket, RuleId: ruleId }, period: 300, stat },
            returnData: false,
        }));
    const ids = a.ruleIds.map((_, i) => `r${i}`).join(", ");
    const common = { evaluationPeriods: 1, alarmActions: a.actions, okActions: a.actions, treatMissingData: "notBreaching", comparisonOperator: "GreaterThanThreshold" };
    return {
        failed: {
            ...common,
            alarmDescription: `Objects failed to replicate from ${a.sourceBucket} to ${a.destinationBucket} (rules to-${a.destination}-*).`,
            metricQueries: [...query("OperationsFailedReplication", "Sum"), { id: "failed", expression: `SUM([${ids}])`, label: `failed replications to ${a.destination}`, returnData: true }],
            threshold: 0,
        },
        latency: {
            ...common,
            alarmDescription: `Replication from ${a.sourceBucket} to ${a.destinationBucket} (rules to-${a.destination}-*) is slower than the ${REPLICATION_TIME_MINUTES}-minute RTC threshold.`,
            metricQueries: [...query("ReplicationLatency", "Maximum"), { id: "latency", expression: `MAX([${ids}])`, label: `replication latency to ${a.destination}`, returnData: true }],
            threshold: REPLICATION_LATENCY_ALARM_SECONDS,
        },
    };
}

export class BucketReplication extends pulumi.ComponentResource {
    readonly roleArn: pulumi.Output<string>;
    readonly roleName: pulumi.Output<string>;

    constructor(name: string, args: BucketReplicationArgs, opts?: pulumi.ComponentResourceOptions) {
        super("spot-grid:storage:BucketReplication", name, {}, opts);
        if (args.destinations.length === 0) throw new Error(`BucketReplication ${name}: destinations is empty; list at least one peer (storage.replicateTo)`);

        const role = args.role;
        const destinations = pulumi.all(args.destinations.map((d) => pulumi.all([d.bucketArn, d.keyArn]).apply(([bucketArn, keyArn]) => ({ stack: d.stack, region: d.region, bucketArn, keyArn, replicationTimeControl: d.replicationTimeControl }))));
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
                rules: destinations.apply((dests) => planReplicationRules(dests, args.region)),
            },
            // Without the role policy in place S3 would start replicating and fail silently.
            { parent: this, dependsOn: [args.sourceVersioning, policy] },
        );

        const actions = args.alarmTopicArn !== undefined ? [args.alarmTopicArn] : [];
        const ruleIdsOf = (stack: string) => replicatedPrefixes(args.region).map((p) => replicationRuleId(stack, p));
        for (const d of args.destinations) {
            const alarms = pulumi.all([args.sourceBucketName, d.bucketArn, pulumi.all(actions)]).apply(([sourceBucket, destinationArn, acts]) =>
                replicationAlarmArgs({ sourceBucket, destinationBucket: destinationArn.split(":::")[1], ruleIds: ruleIdsOf(d.stack), destination: d.stack, actions: acts }),
            );
            for (const kind of ["failed", "latency"] as const) {
                const a = alarms.apply((x) => x[kind]);
                new aws.cloudwatch.MetricAlarm(`${name}-to-${d.stack}-${kind}`, {
                    alarmDescription: a.apply((x) => x.alarmDescription as string),
                    metricQueries: a.apply((x) => x.metricQueries as aws.types.input.cloudwatch.MetricAlarmMetricQuery[]),
                    evaluationPeriods: 1,
                    comparisonOperator: "GreaterThanThreshold",
                    threshold: a.apply((x) => x.threshold as number),
                    treatMissingData: "notBreaching",
                    alarmActions: actions,
                    okActions: actions,
                }, { parent: this });
            }
        }

        this.roleArn = role.arn;
        this.roleName = role.name;
        this.registerOutputs({ roleArn: this.roleArn, roleName: this.roleName });
    }
}
