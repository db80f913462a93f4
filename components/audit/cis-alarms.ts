/**
 * The CIS AWS Foundations Benchmark's monitoring controls (section 4 of v1.4-v3: metric filters on
 * the trail's CloudWatch Logs group, alarms to a topic with a subscriber), scoped to this grid:
 * the network and bucket-policy changes count only when someone other than the deployer made them,
 * because every deploy makes such changes and an alarm on each would teach people to ignore it.
 * Pure: the patterns are plain strings, tested without Pulumi.
 *
 * Filter syntax: https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html
 * - a `!=` on a field the event lacks is false, so "not the deployer" is `!= <arn>` OR NOT EXISTS
 *   (root and IAM-user sessions have no sessionIssuer, and must still alarm);
 * - a pattern is at most 1024 characters (PutMetricFilter's filterPattern).
 * The root-use pattern is the benchmark's own (Security Hub CloudWatch.1).
 * https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html
 */

/** PutMetricFilter's limit on filterPattern. https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutMetricFilter.html */
export const MAX_FILTER_PATTERN_LENGTH = 1024;

export interface CisAlarm {
    /** Stable key: part of the alarm's and metric filter's names (never change it). */
    readonly id: string;
    /** What happened, for the alarm's description. */
    readonly title: string;
    /** The benchmark control (CIS v1.4-v3 numbering) and the Security Hub control it matches. */
    readonly control: string;
    readonly pattern: string;
}

const SESSION_ISSUER = "$.userIdentity.sessionContext.sessionIssuer.arn";

function anyEvent(names: readonly string[]): string {
    return `(${names.map((n) => `($.eventName = ${n})`).join(" || ")})`;
}

/** Not made by one of `roleArns` (a role session's issuer), or made by no role session at all. */
export function notBy(roleArns: readonly string[]): string {
    const unique = [...new Set(roleArns)].sort();
    for (const arn of unique) {
        if (!/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/.test(arn)) throw new Error(`CIS alarms: ${JSON.stringify(arn)} is not an IAM role ARN`);
    }
    const others = unique.map((arn) => `${SESSION_ISSUER} != "${arn}"`).join(" && ");
    return `((${others}) || (${SESSION_ISSUER} NOT EXISTS))`;
}

export const IAM_POLICY_EVENTS = [
    "DeleteGroupPolicy", "DeleteRolePolicy", "DeleteUserPolicy", "PutGroupPolicy", "PutRolePolicy", "PutUserPolicy",
    "CreatePolicy", "DeletePolicy", "CreatePolicyVersion", "DeletePolicyVersion", "AttachRolePolicy", "DetachRolePolicy",
    "AttachUserPolicy", "DetachUserPolicy", "AttachGroupPolicy", "DetachGroupPolicy",
] as const;
export const SECURITY_GROUP_EVENTS = [
    "AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress", "RevokeSecurityGroupIngress", "RevokeSecurityGroupEgress",
    "CreateSecurityGroup", "DeleteSecurityGroup", "ModifySecurityGroupRules",
] as const;
export const ROUTE_TABLE_EVENTS = [
    "CreateRoute", "CreateRouteTable", "ReplaceRoute", "ReplaceRouteTableAssociation", "DeleteRouteTable", "DeleteRoute",
    "DisassociateRouteTable", "AssociateRouteTable",
] as const;
export const VPC_ENDPOINT_EVENTS = ["CreateVpcEndpoint", "ModifyVpcEndpoint", "DeleteVpcEndpoints"] as const;
/** CIS's bucket-policy set, plus the Object Lock configuration of the log archive. */
export const BUCKET_POLICY_EVENTS = [
    "PutBucketAcl", "PutBucketPolicy", "PutBucketCors", "PutBucketLifecycle", "PutBucketReplication", "DeleteBucketPolicy",
    "DeleteBucketCors", "DeleteBucketLifecycle", "DeleteBucketReplication", "PutObjectLockConfiguration",
] as const;
export const KEY_STATE_EVENTS = ["DisableKey", "ScheduleKeyDeletion"] as const;
/** What stops or blinds the trail: no more logging, no trail, or a changed destination or selection. */
export const TRAIL_STOP_EVENTS = ["StopLogging", "DeleteTrail", "UpdateTrail", "PutEventSelectors"] as const;

/**
 * The alarms, for a grid whose deployer is `deployerRoleArns` (every role that runs `pulumi up`).
 * @throws when a deployer is not a role ARN, or a pattern would exceed AWS's limit.
 */
export function cisAlarms(deployerRoleArns: readonly string[]): CisAlarm[] {
    const byOthers = deployerRoleArns.length > 0 ? ` && ${notBy(deployerRoleArns)}` : "";
    const alarms: CisAlarm[] = [
        {
            id: "root-account-use",
            title: "the root user made an API call",
            control: "CIS 4.3 / CloudWatch.1",
            pattern: '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
        },
        { id: "iam-policy-changes", title: "an IAM policy was created, changed, attached or detached", control: "CIS 4.4 / CloudWatch.4", pattern: `{ ${anyEvent(IAM_POLICY_EVENTS)} }` },
        { id: "security-group-changes", title: "a security group was changed by someone other than the deployer", control: "CIS 4.10 / CloudWatch.10", pattern: `{ ${anyEvent(SECURITY_GROUP_EVENTS)}${byOthers} }` },
        { id: "route-table-changes", title: "a route table was changed by someone other than the deployer", control: "CIS 4.13 / CloudWatch.13", pattern: `{ ${anyEvent(ROUTE_TABLE_EVENTS)}${byOthers} }` },
        { id: "vpc-endpoint-changes", title: "a VPC endpoint was created, changed or deleted by someone other than the deployer", control: "grid (CIS 4.14 scope)", pattern: `{ ${anyEvent(VPC_ENDPOINT_EVENTS)}${byOthers} }` },
        {
            id: "bucket-policy-changes",
            title: "a bucket policy, ACL, lifecycle, replication or Object Lock setting was changed by someone other than the deployer",
            control: "CIS 4.8 / CloudWatch.8",
            pattern: `{ ($.eventSource = s3.amazonaws.com) && ${anyEvent(BUCKET_POLICY_EVENTS)}${byOthers} }`,
        },
        { id: "kms-key-disable-or-deletion", title: "a KMS key was disabled or scheduled for deletion", control: "CIS 4.7 / CloudWatch.7", pattern: `{ ($.eventSource = kms.amazonaws.com) && ${anyEvent(KEY_STATE_EVENTS)} }` },
        { id: "cloudtrail-stopped", title: "a trail was stopped, deleted, redirected or given other event selectors", control: "CIS 4.5 / CloudWatch.5", pattern: `{ ${anyEvent(TRAIL_STOP_EVENTS)} }` },
    ];
    for (const a of alarms) {
        if (a.pattern.length > MAX_FILTER_PATTERN_LENGTH) throw new Error(`CIS alarms: the ${a.id} pattern is ${a.pattern.length} characters, more than CloudWatch Logs' ${MAX_FILTER_PATTERN_LENGTH}`);
    }
    return alarms;
}

/** Minutes without any event reaching the trail's log group before the "trail silent" alarm fires. */
export const TRAIL_SILENCE_MINUTES = 30;
