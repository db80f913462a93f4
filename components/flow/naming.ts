/**
 * Physical names of the work flow's queues and key. Deterministic, so the SQS endpoint policy, the
 * workers' scaling policy and the docs can name a queue before it exists. Never change for a
 * deployed stack: a new queue name replaces the queue (and drops its messages).
 */
import { PROJECT } from "../lib/naming";

/** The three queues of a region: S3 events for uploads, jobs from on-prem, S3 events for results. */
export type QueuePurpose = "intake" | "jobs" | "results";
export const QUEUE_PURPOSES: readonly QueuePurpose[] = ["intake", "jobs", "results"];

/** `spot-grid-<stack>-<purpose>`, e.g. `spot-grid-mumbai-jobs`. */
export function queueName(stack: string, purpose: QueuePurpose): string {
    return `${PROJECT}-${stack}-${purpose}`;
}

/** `spot-grid-<stack>-<purpose>-dlq`: where a message goes after maxReceiveCount failed receives. */
export function deadLetterQueueName(stack: string, purpose: QueuePurpose): string {
    return `${queueName(stack, purpose)}-dlq`;
}

/** `arn:<partition>:sqs:<region>:<account>:<name>`. */
export function queueArn(ctx: { partition: string; region: string; accountId: string }, name: string): string {
    return `arn:${ctx.partition}:sqs:${ctx.region}:${ctx.accountId}:${name}`;
}

/** `alias/spot-grid-<stack>-queues`: the key of every queue of the stack. */
export function queueKeyAlias(stack: string): string {
    return `alias/${PROJECT}-${stack}-queues`;
}
