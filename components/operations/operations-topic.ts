/**
 * OperationsTopic: the one place a stack's alarms go, so every alarm reaches a person. A
 * KMS-encrypted SNS topic (its own key: the publishing services need key access that no data key
 * should give), a topic policy that admits only this stack's alarms and rules of this account, and
 * the subscriptions from config. Other components take its ARN as their alarm action.
 *
 * `watchKeys()` adds the KMS key alarm: an EventBridge rule on the CloudTrail management events
 * that disable a key or schedule its deletion. EventBridge receives "AWS API Call via CloudTrail"
 * events only while a trail records management events in the region (the audit work adds one; an
 * organization trail counts). https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-service-event.html
 */
import * as aws from "../lib/aws";
import * as pulumi from "@pulumi/pulumi";
import { PROJECT } from "../lib/naming";
import { AccountContext } from "../lib/policy-document";
import { operationsKeyPolicy, operationsTopicPolicy } from "./policies";
import { Subscription, subscriptionKey, subscriptionProblem } from "./subscriptions";

export interface OperationsTopicArgs {
    readonly stack: string;
    readonly ctx: pulumi.Input<AccountContext>;
    /** Who is told (email, https, sqs, lambda). Empty: alarms only change state (the plan warns). */
    readonly subscriptions: readonly Subscription[];
    /** Pulumi `protect` on the key. @default true */
    readonly protect?: boolean;
}

/** The KMS API calls that take a key out of service; the alarm rule matches them. */
export const KEY_STATE_EVENTS = ["DisableKey", "ScheduleKeyDeletion"] as const;

/** Physical names, from the stack, so policies can name them before they exist. */
export function operationsNames(stack: string) {
    return {
        topic: `${PROJECT}-${stack}-operations`,
        keyAlias: `alias/${PROJECT}-${stack}-operations`,
        keyStateRule: `${PROJECT}-${stack}-key-state`,
    };
}

/** The EventBridge pattern for "one of these keys disabled or scheduled for deletion". */
export function keyStateEventPattern(keyArns: readonly string[]): string {
    return JSON.stringify({
        source: ["aws.kms"],
        "detail-type": ["AWS API Call via CloudTrail"],
        detail: { eventSource: ["kms.amazonaws.com"], eventName: [...KEY_STATE_EVENTS], requestParameters: { keyId: [...keyArns].sort() } },
    });
}

export function validateSubscriptions(subs: readonly Subscription[]): string[] {
    const problems: string[] = [];
    const keys = new Set<string>();
    subs.forEach((s, i) => {
        const p = subscriptionProblem(s);
        if (p) problems.push(`subscriptions[${i}] ${p}`);
        const k = subscriptionKey(s);
        if (keys.has(k)) problems.push(`subscriptions[${i}] repeats ${s.protocol} ${s.endpoint}; list each once`);
        keys.add(k);
    });
    return problems;
}

export class OperationsTopic extends pulumi.ComponentResource {
    readonly topicArn: pulumi.Output<string>;
    readonly keyArn: pulumi.Output<string>;
    private readonly name: string;
    private readonly stack: string;

    constructor(name: string, args: OperationsTopicArgs, opts?: pulumi.ComponentResourceOptions) {
        super("spot-grid:operations:OperationsTopic", name, {}, opts);
        const problems = validateSubscriptions(args.subscriptions);
        if (problems.length > 0) throw new Error(`OperationsTopic ${name}: ${problems.join("; ")}`);
        this.name = name;
        this.stack = args.stack;
        const names = operationsNames(args.stack);
        const ctx = pulumi.output(args.ctx);

        const key = new aws.kms.Key(
            `${name}-key`,
            {
                description: `spot-grid ${args.stack}: the operations topic (alarm notifications)`,
                enableKeyRotation: true,
                deletionWindowInDays: 30,
                policy: ctx.apply((c) => JSON.stringify(operationsKeyPolicy(c, args.stack))),
            },
            { parent: this, protect: args.protect ?? true, retainOnDelete: true },
        );
        new aws.kms.Alias(`${name}-key-alias`, { name: names.keyAlias, targetKeyId: key.keyId }, { parent: this });
        const topic = new aws.sns.Topic(`${name}-topic`, { name: names.topic, kmsMasterKeyId: key.arn }, { parent: this });
        new aws.sns.TopicPolicy(
            `${name}-topic-policy`,
            { arn: topic.arn, policy: pulumi.all([ctx, topic.arn]).apply(([c, arn]) => JSON.stringify(operationsTopicPolicy(c, args.stack, arn))) },
            { parent: this },
        );
        for (const s of args.subscriptions) {
            new aws.sns.TopicSubscription(`${name}-${subscriptionKey(s)}`, { topic: topic.arn, protocol: s.protocol, endpoint: s.endpoint }, { parent: this });
        }

        this.topicArn = topic.arn;
        this.keyArn = key.arn;
        this.registerOutputs({ topicArn: this.topicArn, keyArn: this.keyArn });
    }

    /** Alarm on the listed keys being disabled or scheduled for deletion. */
    watchKeys(keyArns: pulumi.Input<pulumi.Input<string>[]>): aws.cloudwatch.EventRule {
        const names = operationsNames(this.stack);
        const rule = new aws.cloudwatch.EventRule(
            `${this.name}-key-state`,
            {
                name: names.keyStateRule,
                description: `spot-grid ${this.stack}: a KMS key of the stack was disabled or scheduled for deletion`,
                eventPattern: pulumi.output(keyArns).apply((arns) => keyStateEventPattern(arns)),
            },
            { parent: this },
        );
        new aws.cloudwatch.EventTarget(`${this.name}-key-state-sns`, { rule: rule.name, targetId: "operations", arn: this.topicArn }, { parent: this });
        return rule;
    }
}
