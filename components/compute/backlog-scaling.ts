/**
 * Scaling on demand: a target-tracking policy on the job queue's backlog per in-service worker,
 * computed with CloudWatch metric math, next to the trading-session schedule (schedule.ts).
 *
 * backlog per instance = visible messages of the job queue / in-service workers, AWS's own recipe
 * ("Amazon SQS queue backlog per instance"), except that with no worker in service the expression
 * is the backlog itself: a plain division by zero gives no data point and target tracking would
 * never scale out of an empty off-hours group.
 * https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-target-tracking-metric-math.html
 * https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-target-tracking-metric-math.html
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/using-metric-math.html (IF)
 *
 * How it shares the group with the schedule and `pulumi up`: the schedule moves the floor (minSize)
 * and never sets the desired capacity while this policy exists (planTradingSchedule's
 * `desiredFromPolicy`); the policy moves the desired capacity between the floor and `max`; Pulumi
 * ignores the desired capacity (and, with a schedule, minSize) on update. Three owners, three
 * different properties.
 *
 * Pure: no Pulumi.
 */

export interface BacklogScaling {
    /** The job queue's name (its CloudWatch dimension). */
    readonly queueName: string;
    /** Target: visible jobs per in-service worker. */
    readonly backlogPerInstance: number;
    /** Seconds a new worker needs before its metrics count (boot, warm caches). @default 300 */
    readonly instanceWarmupSeconds?: number;
}

export const DEFAULT_BACKLOG_PER_INSTANCE = 10;
export const DEFAULT_INSTANCE_WARMUP_SECONDS = 300;
export const BACKLOG_PER_INSTANCE_RANGE = { min: 1, max: 10_000 } as const;
export const INSTANCE_WARMUP_RANGE = { min: 0, max: 3_600 } as const;

/** The expression's id and text (ids must start with a lower-case letter). */
export const BACKLOG_PER_INSTANCE_EXPRESSION = "IF(instances > 0, backlog / instances, backlog)";

/** Problems with the settings, one line each (empty when valid). */
export function validateBacklogScaling(b: BacklogScaling): string[] {
    const problems: string[] = [];
    const r = BACKLOG_PER_INSTANCE_RANGE;
    if (!Number.isInteger(b.backlogPerInstance) || b.backlogPerInstance < r.min || b.backlogPerInstance > r.max) {
        problems.push(`backlogPerInstance ${b.backlogPerInstance} must be a whole number of jobs from ${r.min} to ${r.max}`);
    }
    const w = b.instanceWarmupSeconds ?? DEFAULT_INSTANCE_WARMUP_SECONDS;
    if (!Number.isInteger(w) || w < INSTANCE_WARMUP_RANGE.min || w > INSTANCE_WARMUP_RANGE.max) {
        problems.push(`instanceWarmupSeconds ${w} must be a whole number of seconds from ${INSTANCE_WARMUP_RANGE.min} to ${INSTANCE_WARMUP_RANGE.max}`);
    }
    if (!/^[A-Za-z0-9_-]{1,80}$/.test(b.queueName)) problems.push(`queueName ${JSON.stringify(b.queueName)} is not an SQS queue name`);
    return problems;
}

/** Where the in-service capacity comes from: the Auto Scaling group, or the Spot Fleet request. */
export type CapacityMetric =
    | { readonly engine: "autoscaling"; readonly groupName: string }
    | { readonly engine: "spot-fleet"; readonly fleetRequestId: string };

export interface MetricQuery {
    readonly id: string;
    readonly label: string;
    readonly returnData: boolean;
    readonly expression?: string;
    readonly metricStat?: { readonly metric: { readonly namespace: string; readonly metricName: string; readonly dimensions: { readonly name: string; readonly value: string }[] }; readonly stat: string };
}

/**
 * The metric-math queries of the policy: the job queue's visible messages (Sum), the in-service
 * capacity (Average: GroupInServiceInstances, which the group publishes because its
 * enabledMetrics include it; a Spot Fleet's FulfilledCapacity), and the expression that returns.
 * https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-metrics.html
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/spot-fleet-cloudwatch-metrics.html
 */
export function backlogMetricQueries(queueName: string, capacity: CapacityMetric): MetricQuery[] {
    const instances =
        capacity.engine === "autoscaling"
            ? { namespace: "AWS/AutoScaling", metricName: "GroupInServiceInstances", dimensions: [{ name: "AutoScalingGroupName", value: capacity.groupName }] }
            : { namespace: "AWS/EC2Spot", metricName: "FulfilledCapacity", dimensions: [{ name: "FleetRequestId", value: capacity.fleetRequestId }] };
    return [
        {
            id: "backlog",
            label: "jobs waiting (visible messages of the job queue)",
            metricStat: { metric: { namespace: "AWS/SQS", metricName: "ApproximateNumberOfMessagesVisible", dimensions: [{ name: "QueueName", value: queueName }] }, stat: "Sum" },
            returnData: false,
        },
        { id: "instances", label: "workers in service", metricStat: { metric: instances, stat: "Average" }, returnData: false },
        { id: "perinstance", label: "jobs waiting per worker in service", expression: BACKLOG_PER_INSTANCE_EXPRESSION, returnData: true },
    ];
}

/**
 * What the expression evaluates to for one minute's data, as CloudWatch would: for tests and for
 * the docs' worked examples.
 */
export function backlogPerInstance(backlog: number, instances: number): number {
    return instances > 0 ? backlog / instances : backlog;
}
