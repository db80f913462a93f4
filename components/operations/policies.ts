/**
 * Policy documents of the operations topic and its key, as pure documents. Who may publish: our
 * CloudWatch alarms and our EventBridge rules, each only on behalf of this account and of this
 * stack's alarms and rules (aws:SourceAccount, aws:SourceArn: the confused-deputy guard AWS
 * documents for service principals). The account manages the topic and the key through IAM.
 * https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html
 */
import { accountAdministersKey, accountManagesTopic, AccountContext, PolicyDocument, policyDocument } from "../lib/policy-document";
import { PROJECT } from "../lib/naming";

/** The ARN patterns of this stack's alarms and rules (their names start `spot-grid-<stack>-` or are auto-named under it). */
export function publisherArns(ctx: AccountContext, stack: string): { alarms: string; rules: string } {
    return {
        alarms: `arn:${ctx.partition}:cloudwatch:${ctx.region}:${ctx.accountId}:alarm:*`,
        rules: `arn:${ctx.partition}:events:${ctx.region}:${ctx.accountId}:rule/${PROJECT}-${stack}-*`,
    };
}

function publishers(ctx: AccountContext, stack: string) {
    const arns = publisherArns(ctx, stack);
    return [
        { sid: "CloudWatchAlarms", service: "cloudwatch.amazonaws.com", sourceArn: arns.alarms },
        { sid: "EventBridgeRules", service: "events.amazonaws.com", sourceArn: arns.rules },
    ];
}

/** The operations key: administered by the account, used by the publishing services for this topic only. */
export function operationsKeyPolicy(ctx: AccountContext, stack: string): PolicyDocument {
    return policyDocument([
        accountAdministersKey(ctx),
        ...publishers(ctx, stack).map((p) => ({
            Sid: `${p.sid}EncryptNotifications`,
            Effect: "Allow" as const,
            Principal: { Service: p.service },
            Action: ["kms:Decrypt", "kms:GenerateDataKey"],
            Resource: "*",
            Condition: { StringEquals: { "aws:SourceAccount": ctx.accountId }, ArnLike: { "aws:SourceArn": p.sourceArn } },
        })),
    ]);
}

/** The topic policy: the account manages and subscribes; our alarms and rules publish. */
export function operationsTopicPolicy(ctx: AccountContext, stack: string, topicArn: string): PolicyDocument {
    return policyDocument([
        accountManagesTopic(ctx, topicArn, { publish: true }),
        ...publishers(ctx, stack).map((p) => ({
            Sid: `${p.sid}Publish`,
            Effect: "Allow" as const,
            Principal: { Service: p.service },
            Action: "sns:Publish",
            Resource: topicArn,
            Condition: { StringEquals: { "aws:SourceAccount": ctx.accountId }, ArnLike: { "aws:SourceArn": p.sourceArn } },
        })),
    ]);
}
