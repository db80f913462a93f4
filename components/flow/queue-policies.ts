/**
 * Resource policies of the work flow's queues and of their KMS key, as pure documents.
 *
 * Queues (SQS queue policies): the same two planes as the buckets (docs/identity.md).
 * - Messages (send, receive, delete, change visibility, purge) only through this region's SQS
 *   interface endpoint, for every principal of every account; AWS services acting for a resource
 *   (S3 sending an event notification, SQS moving a message to its dead-letter queue) are not
 *   people and stay out of the rule, exactly like the bucket policies' endpoint rule.
 * - The queue itself (attributes, policy, tags) stays with IAM, so the operators keep every call
 *   the provider makes from outside the VPC (components/lib/operators.ts PROVIDER_QUEUE_*).
 * - TLS only. SQS already refuses plain HTTP for SSE queues; the deny says it in the policy too.
 *   (SQS's own "Example 5: Deny access if it isn't from a VPC endpoint", with aws:sourceVpce:
 *   https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-creating-custom-policies-access-policy-examples.html)
 * A queue fed by S3 admits `s3.amazonaws.com` for SendMessage with aws:SourceArn (that bucket)
 * and aws:SourceAccount (this account), the confused-deputy guard AWS documents.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/grant-destinations-permissions-to-s3.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html
 *
 * No Allow names a role: the queues' users are roles of this account, whose own IAM policies allow
 * them (an account's identity policy suffices for its own resources), so no queue policy can trust
 * a role name that nothing created (iam-trust-known-principals).
 *
 * The key (one per region, every queue and dead-letter queue): the account administers it through
 * IAM; the named roles use it only through SQS in this region; S3 may generate data keys to send
 * its notifications into encrypted queues, as AWS documents (the queue policy above is what
 * decides which bucket may send at all: SQS calls KMS only after it authorized the SendMessage).
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-key-management.html
 */
import { accountAdministersKey, accountRootArn, AccountContext, PolicyDocument, policyDocument, PolicyStatement, sqsViaService, uniqueSorted } from "../lib/policy-document";

/** The actions on messages: what the endpoint rule covers. (Batch APIs authorize as these.) */
export const SQS_MESSAGE_ACTIONS = ["sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:PurgeQueue", "sqs:ReceiveMessage", "sqs:SendMessage"] as const;

/** The service principal that sends S3 event notifications. */
export const S3_SERVICE_PRINCIPAL = "s3.amazonaws.com";

const ENDPOINT_ID = /^vpce-[0-9a-f]{8,17}$/;
const QUEUE_ARN = /^arn:aws[a-z-]*:sqs:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,80}$/;
const BUCKET_ARN = /^arn:aws[a-z-]*:s3:::[a-z0-9.-]{3,63}$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;

export interface QueuePolicyArgs {
    readonly queueArn: string;
    /** This region's SQS interface endpoint(s): the only way in to messages. */
    readonly sqsEndpointIds: readonly string[];
    /** The bucket whose event notifications this queue receives (S3 may send, for that bucket only). */
    readonly notificationsFrom?: { readonly bucketArn: string; readonly accountId: string };
}

/** Problems with the queue policy's inputs, one line each (empty when valid). */
export function validateQueuePolicyArgs(a: QueuePolicyArgs): string[] {
    const problems: string[] = [];
    if (!QUEUE_ARN.test(a.queueArn)) problems.push(`queueArn ${JSON.stringify(a.queueArn)} is not an SQS queue ARN (arn:aws:sqs:<region>:<account>:<name>)`);
    if (a.sqsEndpointIds.length === 0) problems.push("sqsEndpointIds is empty; pass this region's SQS interface endpoint, or every message request is denied");
    a.sqsEndpointIds.forEach((id, i) => {
        if (!ENDPOINT_ID.test(id)) problems.push(`sqsEndpointIds[${i}] ${JSON.stringify(id)} is not a VPC endpoint id (vpce- and 8 or 17 hex digits)`);
    });
    const from = a.notificationsFrom;
    if (from && !BUCKET_ARN.test(from.bucketArn)) problems.push(`notificationsFrom.bucketArn ${JSON.stringify(from.bucketArn)} is not a bucket ARN (arn:aws:s3:::<name>)`);
    if (from && !/^\d{12}$/.test(from.accountId)) problems.push(`notificationsFrom.accountId ${JSON.stringify(from.accountId)} must be a 12-digit AWS account id`);
    return problems;
}

/** The queue policy: TLS only, messages only through the SQS endpoint, and S3's notifications if fed by a bucket. */
export function queuePolicy(a: QueuePolicyArgs): PolicyDocument {
    const problems = validateQueuePolicyArgs(a);
    if (problems.length > 0) throw new Error(`queue policy: ${problems.join("; ")}`);
    const statements: PolicyStatement[] = [];
    if (a.notificationsFrom) {
        statements.push({
            Sid: "S3SendsEventNotificationsOfOneBucket",
            Effect: "Allow",
            Principal: { Service: S3_SERVICE_PRINCIPAL },
            Action: "sqs:SendMessage",
            Resource: a.queueArn,
            Condition: { ArnEquals: { "aws:SourceArn": a.notificationsFrom.bucketArn }, StringEquals: { "aws:SourceAccount": a.notificationsFrom.accountId } },
        });
    }
    statements.push(
        { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "sqs:*", Resource: a.queueArn, Condition: { Bool: { "aws:SecureTransport": "false" } } },
        {
            Sid: "DenyMessagesOutsideSqsEndpoint",
            Effect: "Deny",
            Principal: "*",
            Action: [...SQS_MESSAGE_ACTIONS],
            Resource: a.queueArn,
            Condition: { StringNotEquals: { "aws:SourceVpce": uniqueSorted(a.sqsEndpointIds) }, BoolIfExists: { "aws:PrincipalIsAWSService": "false" } },
        },
    );
    return policyDocument(statements);
}

export interface QueueKeyPolicyArgs extends AccountContext {
    /** Roles that send to or receive from the queues (created first, or verified config). */
    readonly keyUserArns: readonly string[];
    /** S3 sends event notifications into queues encrypted with this key. */
    readonly s3Notifies: boolean;
}

/**
 * Producers need kms:GenerateDataKey and kms:Decrypt, consumers kms:Decrypt (SQS key management,
 * "Configuring AWS KMS permissions"); the named roles get both and their own IAM policies narrow it.
 */
export const QUEUE_KEY_USE_ACTIONS = ["kms:Decrypt", "kms:GenerateDataKey"] as const;

export function validateQueueKeyPolicyArgs(a: QueueKeyPolicyArgs): string[] {
    const problems: string[] = [];
    if (!/^\d{12}$/.test(a.accountId)) problems.push(`accountId ${JSON.stringify(a.accountId)} must be a 12-digit AWS account id`);
    a.keyUserArns.forEach((arn, i) => {
        if (!ROLE_ARN.test(arn)) problems.push(`keyUserArns[${i}] ${JSON.stringify(arn)} is not an IAM role ARN (arn:aws:iam::<account>:role/<name>)`);
        else if (arn.split(":")[4] !== a.accountId) problems.push(`keyUserArns[${i}] ${arn} is in another account than ${a.accountId}; the key grants only its own account's roles`);
    });
    return problems;
}

export function queueKeyPolicy(a: QueueKeyPolicyArgs): PolicyDocument {
    const problems = validateQueueKeyPolicyArgs(a);
    if (problems.length > 0) throw new Error(`queue key policy: ${problems.join("; ")}`);
    const root = accountRootArn(a);
    const statements: PolicyStatement[] = [accountAdministersKey(a)];
    if (a.keyUserArns.length > 0) {
        statements.push({
            Sid: "NamedRolesUseKeyThroughSqs",
            Effect: "Allow",
            Principal: { AWS: root },
            Action: [...QUEUE_KEY_USE_ACTIONS],
            Resource: "*",
            Condition: { StringEquals: { "kms:ViaService": sqsViaService(a.region), "kms:CallerAccount": a.accountId }, ArnEquals: { "aws:PrincipalArn": uniqueSorted(a.keyUserArns) } },
        });
    }
    if (a.s3Notifies) {
        statements.push({ Sid: "S3SendsEventNotificationsToEncryptedQueues", Effect: "Allow", Principal: { Service: S3_SERVICE_PRINCIPAL }, Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: "*" });
    }
    return policyDocument(statements);
}
