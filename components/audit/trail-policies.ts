/**
 * The account trail's documents, pure: its event selectors, the role CloudTrail assumes to write to
 * CloudWatch Logs, and the delivery-notification topic's policy.
 */
import { accountManagesTopic, AccountContext, PolicyDocument, policyDocument } from "../lib/policy-document";
import { CLOUDTRAIL_SERVICE } from "./archive-policies";

/**
 * Advanced event selectors: every management event (read and write), and S3 object-level data
 * events for the data buckets only. Data events for the archive itself are left out on purpose:
 * a trail recording the writes into its own bucket logs its own deliveries without end.
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html
 * https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_AdvancedFieldSelector.html
 */
export function trailEventSelectors(dataBucketArns: readonly string[]) {
    const selectors: { name: string; fieldSelectors: { field: string; equals?: string[]; startsWith?: string[] }[] }[] = [
        { name: "Management events", fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }] },
    ];
    const prefixes = [...new Set(dataBucketArns)].sort().map((arn) => `${arn}/`);
    if (prefixes.length > 0) {
        selectors.push({
            name: "S3 data events of the data buckets",
            fieldSelectors: [
                { field: "eventCategory", equals: ["Data"] },
                { field: "resources.type", equals: ["AWS::S3::Object"] },
                { field: "resources.ARN", startsWith: prefixes },
            ],
        });
    }
    return selectors;
}

/**
 * Who CloudTrail is when it writes to CloudWatch Logs. CloudTrail documents that this role's
 * policy takes no aws:SourceArn/aws:SourceAccount (confused-deputy keys do not apply), so the trust
 * names the service alone.
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-required-policy-for-cloudwatch-logs.html
 */
export function trailLogsTrustPolicy(): PolicyDocument {
    return policyDocument([{ Sid: "CloudTrailDeliversToCloudWatchLogs", Effect: "Allow", Principal: { Service: CLOUDTRAIL_SERVICE }, Action: "sts:AssumeRole" }]);
}

/**
 * Create streams and put events in the trail's log group only, in the streams CloudTrail names
 * `<account>_CloudTrail_<region>` (one per Region of a multi-region trail).
 */
export function trailLogsDeliveryPolicy(logGroupArn: string, accountId: string): PolicyDocument {
    const streams = `${logGroupArn}:log-stream:${accountId}_CloudTrail_*`;
    return policyDocument([
        { Sid: "CreateTrailLogStreams", Effect: "Allow", Action: "logs:CreateLogStream", Resource: streams },
        { Sid: "PutTrailLogEvents", Effect: "Allow", Action: "logs:PutLogEvents", Resource: streams },
    ]);
}

/**
 * The delivery-notification topic: the account manages and subscribes; the account trail publishes
 * (aws:SourceArn, aws:SourceAccount: the security best practice CloudTrail documents for the topic).
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-permissions-for-sns-notifications.html
 */
export function trailTopicPolicy(ctx: AccountContext, topicArn: string, trailArn: string): PolicyDocument {
    return policyDocument([
        accountManagesTopic(ctx, topicArn, { publish: false }),
        {
            Sid: "AccountTrailPublishesDeliveries",
            Effect: "Allow",
            Principal: { Service: CLOUDTRAIL_SERVICE },
            Action: "sns:Publish",
            Resource: topicArn,
            Condition: { StringEquals: { "aws:SourceArn": trailArn, "aws:SourceAccount": ctx.accountId } },
        },
    ]);
}
