/**
 * Who the operations topic reaches: subscriptions from config, validated before anything is
 * created. `email` and `https` endpoints confirm by message; `sqs` and `lambda` take an existing
 * queue or function ARN (a chat integration such as AWS Chatbot subscribes its own endpoint, or
 * posts from a queue or function). https://docs.aws.amazon.com/sns/latest/api/API_Subscribe.html
 */

export const SUBSCRIPTION_PROTOCOLS = ["email", "https", "sqs", "lambda"] as const;
export type SubscriptionProtocol = (typeof SUBSCRIPTION_PROTOCOLS)[number];

export interface Subscription {
    readonly protocol: SubscriptionProtocol;
    readonly endpoint: string;
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const HTTPS_URL = /^https:\/\/[^\s/$.?#][^\s]*$/;
const ARN = (service: string, resource: string) => new RegExp(`^arn:aws[a-z-]*:${service}:[a-z]{2}(-[a-z]+)+-\\d:\\d{12}:${resource}$`);
const SQS_ARN = ARN("sqs", "[A-Za-z0-9_-]{1,80}(\\.fifo)?");
const LAMBDA_ARN = ARN("lambda", "function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9_$-]+)?");

/** Why a subscription's endpoint does not fit its protocol, or undefined. */
export function subscriptionProblem(s: Subscription): string | undefined {
    switch (s.protocol) {
        case "email":
            return EMAIL.test(s.endpoint) ? undefined : `endpoint ${JSON.stringify(s.endpoint)} is not an email address`;
        case "https":
            return HTTPS_URL.test(s.endpoint) ? undefined : `endpoint ${JSON.stringify(s.endpoint)} is not an https:// URL (plain http is refused: alerts carry stack details)`;
        case "sqs":
            return SQS_ARN.test(s.endpoint) ? undefined : `endpoint ${JSON.stringify(s.endpoint)} is not an SQS queue ARN (arn:aws:sqs:<region>:<account>:<queue>)`;
        case "lambda":
            return LAMBDA_ARN.test(s.endpoint) ? undefined : `endpoint ${JSON.stringify(s.endpoint)} is not a Lambda function ARN (arn:aws:lambda:<region>:<account>:function:<name>)`;
        default:
            return `protocol ${JSON.stringify((s as { protocol: unknown }).protocol)} is not one of ${SUBSCRIPTION_PROTOCOLS.join(", ")}`;
    }
}

/** A stable resource-name key per subscription (never the position: reordering must not replace). */
export function subscriptionKey(s: Subscription): string {
    const slug = s.endpoint.toLowerCase().replace(/^https:\/\//, "").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40);
    return `${s.protocol}-${slug}`;
}
