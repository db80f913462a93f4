/**
 * The workers' capacity alarm: the group has been below its desired Spot capacity for N minutes
 * (Spot pools exhausted, a launch failing on the key or the AMI, a bad subnet). Sent to the
 * operations topic.
 *
 * - `autoscaling`: metric math over the group metrics the ASG publishes (enabledMetrics):
 *   GroupDesiredCapacity - GroupInServiceInstances > 0.
 *   https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-metrics.html
 * - `spot-fleet`: TargetCapacity - FulfilledCapacity > 0 (AWS/EC2Spot, per FleetRequestId).
 *   https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/spot-fleet-cloudwatch-metrics.html
 */
import * as aws from "../lib/aws";
import * as pulumi from "@pulumi/pulumi";
import type { ComputeEngine } from "./spot-fleet";
import { validateCapacityAlarmMinutes } from "./capacity-alarm-settings";

/** Metric period of the alarm, seconds (ASG group metrics are published every minute). */
export const CAPACITY_ALARM_PERIOD_SECONDS = 300;

/** The alarm's metric queries for an engine (plain data, for tests and docs). */
export function capacityShortfallQueries(engine: ComputeEngine, groupName: pulumi.Input<string>): aws.types.input.cloudwatch.MetricAlarmMetricQuery[] {
    const metric = (id: string, namespace: string, metricName: string, stat: string, dimensions: Record<string, pulumi.Input<string>>) => ({
        id,
        returnData: false,
        metric: { namespace, metricName, stat, period: CAPACITY_ALARM_PERIOD_SECONDS, dimensions },
    });
    const [desired, actual] =
        engine === "autoscaling"
            ? [
                  metric("desired", "AWS/AutoScaling", "GroupDesiredCapacity", "Maximum", { AutoScalingGroupName: groupName }),
                  metric("inservice", "AWS/AutoScaling", "GroupInServiceInstances", "Minimum", { AutoScalingGroupName: groupName }),
              ]
            : [
                  metric("desired", "AWS/EC2Spot", "TargetCapacity", "Maximum", { FleetRequestId: groupName }),
                  metric("inservice", "AWS/EC2Spot", "FulfilledCapacity", "Minimum", { FleetRequestId: groupName }),
              ];
    return [desired, actual, { id: "shortfall", expression: `${desired.id} - ${actual.id}`, label: "Workers below desired capacity", returnData: true }];
}

export interface CapacityAlarmArgs {
    readonly engine: ComputeEngine;
    readonly groupName: pulumi.Input<string>;
    readonly minutes: number;
    readonly topicArn?: pulumi.Input<string>;
    readonly stack: string;
}

export function capacityAlarm(name: string, a: CapacityAlarmArgs, parent: pulumi.Resource): aws.cloudwatch.MetricAlarm {
    const problem = validateCapacityAlarmMinutes(a.minutes);
    if (problem) throw new Error(`SpotFleet: ${problem}`);
    const actions = a.topicArn !== undefined ? [a.topicArn] : [];
    return new aws.cloudwatch.MetricAlarm(
        name,
        {
            alarmDescription: `spot-grid ${a.stack}: the workers have been below their desired Spot capacity for ${a.minutes} minutes.`,
            metricQueries: capacityShortfallQueries(a.engine, a.groupName),
            comparisonOperator: "GreaterThanThreshold",
            threshold: 0,
            evaluationPeriods: a.minutes / 5,
            datapointsToAlarm: a.minutes / 5,
            // A group scaled to zero outside the session publishes zeros, not gaps; a gap is not a shortfall.
            treatMissingData: "notBreaching",
            alarmActions: actions,
            okActions: actions,
        },
        { parent },
    );
}
