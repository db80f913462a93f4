/**
 * IAM policy documents as plain data. Every planner (key, bucket, endpoint, role and trust
 * policies) builds these from plain strings (ARNs, ids, region), so tests can hand them straight
 * to an IAM simulator and components render them with `JSON.stringify` inside an `apply`.
 */

import { KEY_ADMIN_ACTIONS } from "./operators";

export type ConditionBlock = Record<string, Record<string, string | string[]>>;

export interface PolicyStatement {
    readonly Sid: string;
    readonly Effect: "Allow" | "Deny";
    /** Resource policies (bucket, key, endpoint, trust) name a principal; identity policies must not. */
    readonly Principal?: "*" | { readonly Service?: string | string[]; readonly AWS?: string | string[] };
    /** Exactly one of Action and NotAction (NotAction only in Deny statements of ours). */
    readonly Action?: string | string[];
    readonly NotAction?: string | string[];
    /** Absent only in trust policies (IAM rejects Resource there). */
    readonly Resource?: string | string[];
    /** Instead of Resource, in Deny statements of ours only ("everything but these"). */
    readonly NotResource?: string | string[];
    readonly Condition?: ConditionBlock;
}

export interface PolicyDocument {
    readonly Version: "2012-10-17";
    readonly Statement: PolicyStatement[];
}

/** The policy language version every document uses (the only one that supports variables). */
export const POLICY_VERSION = "2012-10-17" as const;

export function policyDocument(statements: PolicyStatement[]): PolicyDocument {
    return { Version: POLICY_VERSION, Statement: statements };
}

/** Where a stack's resources live: partition, region and account. */
export interface AccountContext {
    readonly partition: string;
    readonly region: string;
    readonly accountId: string;
}

export function accountRootArn(ctx: Pick<AccountContext, "partition" | "accountId">): string {
    return `arn:${ctx.partition}:iam::${ctx.accountId}:root`;
}

/**
 * A key policy's first statement: the account administers the key through IAM, with every action
 * the provider calls on a key (KEY_ADMIN_ACTIONS), so an operator is never locked out of it.
 */
export function accountAdministersKey(ctx: Pick<AccountContext, "partition" | "accountId">): PolicyStatement {
    return { Sid: "AccountAdministersKey", Effect: "Allow", Principal: { AWS: accountRootArn(ctx) }, Action: [...KEY_ADMIN_ACTIONS], Resource: "*" };
}

/** What the account's IAM principals need to manage a topic it owns and subscribe to it. */
const TOPIC_MANAGEMENT_ACTIONS = [
    "sns:GetTopicAttributes", "sns:SetTopicAttributes", "sns:AddPermission", "sns:RemovePermission",
    "sns:DeleteTopic", "sns:Subscribe", "sns:ListSubscriptionsByTopic",
];

/**
 * A topic policy's first statement: the account (through IAM) manages the topic and subscribes to
 * it, and publishes to it unless `publish` is false (a topic only its service may publish to).
 */
export function accountManagesTopic(ctx: Pick<AccountContext, "partition" | "accountId">, topicArn: string, options: { publish: boolean }): PolicyStatement {
    return {
        Sid: "AccountManagesTopic",
        Effect: "Allow",
        Principal: { AWS: accountRootArn(ctx) },
        Action: options.publish ? [...TOPIC_MANAGEMENT_ACTIONS, "sns:Publish"] : [...TOPIC_MANAGEMENT_ACTIONS],
        Resource: topicArn,
    };
}

/** A log group's ARN as CloudWatch Logs puts it in the KMS encryption context (no `:*` suffix). */
export function logGroupArn(ctx: Pick<AccountContext, "partition" | "region" | "accountId">, name: string): string {
    return `arn:${ctx.partition}:logs:${ctx.region}:${ctx.accountId}:log-group:${name}`;
}

/** A role's ARN from its name (no path): what `aws:PrincipalArn` carries for the role's sessions. */
export function roleArn(ctx: Pick<AccountContext, "partition" | "accountId">, name: string): string {
    return `arn:${ctx.partition}:iam::${ctx.accountId}:role/${name}`;
}

/** `s3.<region>.amazonaws.com`: the `kms:ViaService` value of KMS calls S3 makes for SSE-KMS. */
export function s3ViaService(region: string): string {
    return `s3.${region}.amazonaws.com`;
}

/** `sqs.<region>.amazonaws.com`: the `kms:ViaService` of KMS calls SQS makes for SSE-KMS queues. */
export function sqsViaService(region: string): string {
    return `sqs.${region}.amazonaws.com`;
}

/** Sorted, de-duplicated copy: documents must not change when inputs are merely re-ordered. */
export function uniqueSorted(values: readonly string[]): string[] {
    return [...new Set(values)].sort();
}

/** `ap-south-2` -> `ApSouth2`: region names as Sid fragments (Sids are alphanumeric). */
export function sidFragment(text: string): string {
    return text.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join("");
}
