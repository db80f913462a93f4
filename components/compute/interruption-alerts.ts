/**
 * InterruptionAlerts: every Spot interruption warning (two minutes' notice) and rebalance
 * recommendation in the region goes to a KMS-encrypted SNS topic (operators, on-prem schedulers)
 * and a KMS-encrypted log group (audit, with retention).
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/spot-instance-termination-notices.html
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/rebalance-recommendations.html
 */
import * as aws from "../lib/aws";
import * as pulumi from "@pulumi/pulumi";
import { PROJECT } from "../lib/naming";
import { AccountContext } from "../lib/policy-document";
import { LOG_RETENTION_DAYS } from "../lib/log-retention";
import { logGroupArn } from "../lib/policy-document";
import { eventRuleArn, eventsToLogGroupPolicy, interruptionTopicPolicy } from "./policy-documents";

/** The EC2 events we forward, by stable key (part of resource names: never change a key). */
export const INTERRUPTION_EVENTS = {
    "spot-interruption": "EC2 Spot Instance Interruption Warning",
    "rebalance-recommendation": "EC2 Instance Rebalance Recommendation",
} as const;

/** A year of interruption history: enough for capacity reviews and audit questions. */
export const DEFAULT_INTERRUPTION_LOG_RETENTION_DAYS = 365;

export function validateLogRetention(days: number, input = "interruptionLogRetentionDays"): void {
    if (!(LOG_RETENTION_DAYS as readonly number[]).includes(days)) {
        throw new Error(`SpotFleet: ${input} ${days} is not a CloudWatch Logs retention; use one of ${LOG_RETENTION_DAYS.join(", ")}`);
    }
}

/** The EventBridge pattern for one EC2 event. */
export function interruptionEventPattern(detailType: string): string {
    return JSON.stringify({ source: ["aws.ec2"], "detail-type": [detailType] });
}

/** Physical names, derived from the stack so policies can name them before they exist. */
export function interruptionNames(stack: string) {
    return {
        topic: `${PROJECT}-${stack}-spot-interruptions`,
        // EventBridge's console lists only groups under /aws/events/ as targets.
        logGroup: `/aws/events/${PROJECT}/${stack}/spot-interruptions`,
        rule: (key: keyof typeof INTERRUPTION_EVENTS) => `${PROJECT}-${stack}-${key}`,
        logPolicy: `${PROJECT}-${stack}-spot-interruptions-events`,
    };
}

export interface InterruptionAlertsArgs {
    readonly stack: string;
    readonly ctx: pulumi.Input<AccountContext>;
    /** CMK for the topic and the log group (its policy must admit EventBridge and CloudWatch Logs). */
    readonly kmsKeyArn: pulumi.Input<string>;
    /** Days to keep interruption events. @default 365 */
    readonly logRetentionDays?: number;
}

export class InterruptionAlerts extends pulumi.ComponentResource {
    readonly topicArn: pulumi.Output<string>;
    readonly logGroupName: pulumi.Output<string>;
    readonly ruleArns: pulumi.Output<string>[];

    constructor(name: string, args: InterruptionAlertsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("spot-grid:compute:InterruptionAlerts", name, {}, opts);
        const retention = args.logRetentionDays ?? DEFAULT_INTERRUPTION_LOG_RETENTION_DAYS;
        validateLogRetention(retention);
        const names = interruptionNames(args.stack);
        const ctx = pulumi.output(args.ctx);
        const keys = Object.keys(INTERRUPTION_EVENTS) as (keyof typeof INTERRUPTION_EVENTS)[];

        const topic = new aws.sns.Topic(`${name}-topic`, { name: names.topic, kmsMasterKeyId: args.kmsKeyArn }, { parent: this });
        const logGroup = new aws.cloudwatch.LogGroup(
            `${name}-log`,
            { name: names.logGroup, kmsKeyId: args.kmsKeyArn, retentionInDays: retention },
            { parent: this },
        );

        const rules = keys.map(
            (key) =>
                new aws.cloudwatch.EventRule(
                    `${name}-${key}`,
                    {
                        name: names.rule(key),
                        description: `${INTERRUPTION_EVENTS[key]} for ${args.stack}: to SNS and CloudWatch Logs`,
                        eventPattern: interruptionEventPattern(INTERRUPTION_EVENTS[key]),
                    },
                    { parent: this },
                ),
        );
        // Rule ARNs from names (not rule outputs) so the policies exist before the first event.
        const ruleArns = ctx.apply((c) => keys.map((k) => eventRuleArn(c, names.rule(k))));

        const topicPolicy = new aws.sns.TopicPolicy(
            `${name}-topic-policy`,
            { arn: topic.arn, policy: pulumi.all([ctx, topic.arn, ruleArns]).apply(([c, arn, rs]) => JSON.stringify(interruptionTopicPolicy(c, arn, rs))) },
            { parent: this },
        );
        // Account-wide resource (CloudWatch Logs allows 10 per region), named per stack.
        const logPolicy = new aws.cloudwatch.LogResourcePolicy(
            `${name}-log-policy`,
            { policyName: names.logPolicy, policyDocument: ctx.apply((c) => JSON.stringify(eventsToLogGroupPolicy(logGroupArn(c, names.logGroup)))) },
            { parent: this },
        );

        keys.forEach((key, i) => {
            // Target ids are stable keys: EventBridge identifies targets by them.
            new aws.cloudwatch.EventTarget(
                `${name}-${key}-sns`,
                { rule: rules[i].name, targetId: "sns", arn: topic.arn },
                { parent: this, dependsOn: [topicPolicy] },
            );
            new aws.cloudwatch.EventTarget(
                `${name}-${key}-logs`,
                { rule: rules[i].name, targetId: "logs", arn: logGroup.arn },
                { parent: this, dependsOn: [logPolicy] },
            );
        });

        this.topicArn = topic.arn;
        this.logGroupName = logGroup.name;
        this.ruleArns = rules.map((r) => r.arn);
        this.registerOutputs({ topicArn: this.topicArn, logGroupName: this.logGroupName });
    }
}
