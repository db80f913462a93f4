/**
 * Settings of the three queues, their defaults and AWS's limits. Pure: config validation
 * (infra/config/flow.ts) and the component use the same rules.
 *
 * AWS's ranges (CreateQueue attributes, RedrivePolicy):
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html
 * - VisibilityTimeout: 0 to 43,200 seconds (12 hours);
 * - MessageRetentionPeriod: 60 seconds to 1,209,600 seconds (14 days);
 * - maxReceiveCount: 1 to 1,000.
 */
import type { QueuePurpose } from "./naming";

export interface QueueSettings {
    /** Seconds a received message stays hidden before another consumer may receive it. */
    readonly visibilityTimeoutSeconds: number;
    /** Seconds SQS keeps a message nobody deleted. */
    readonly messageRetentionSeconds: number;
    /** Receives before SQS moves a message to the dead-letter queue. */
    readonly maxReceiveCount: number;
}

export const VISIBILITY_TIMEOUT_RANGE = { min: 0, max: 43_200 } as const;
export const MESSAGE_RETENTION_RANGE = { min: 60, max: 1_209_600 } as const;
export const MAX_RECEIVE_COUNT_RANGE = { min: 1, max: 1_000 } as const;

/**
 * Dead-letter queues keep messages for SQS's maximum, 14 days. A message's expiry counts from its
 * first enqueue, not from its move to the DLQ, so AWS advises a DLQ retention longer than the
 * source queue's; we allow a source retention of at most half of it (7 days), which leaves a
 * person at least a week to look at what failed.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html
 */
export const DEAD_LETTER_RETENTION_SECONDS = MESSAGE_RETENTION_RANGE.max;
export const MAX_SOURCE_RETENTION_SECONDS = DEAD_LETTER_RETENTION_SECONDS / 2;

/** Long polling: consumers wait up to 20 seconds (SQS's maximum) for a message, fewer empty receives. */
export const RECEIVE_WAIT_SECONDS = 20;

/**
 * Defaults. Intake: the validator reads an upload and copies it (5 minutes). Jobs: a worker holds
 * a job 15 minutes and extends with ChangeMessageVisibility while it computes (HTC-Grid's agents
 * do the same); 4 receives before the DLQ, as HTC-Grid. Results: on-prem may be away over a
 * weekend, so 7 days.
 */
export const DEFAULT_QUEUE_SETTINGS: Readonly<Record<QueuePurpose, QueueSettings>> = {
    intake: { visibilityTimeoutSeconds: 300, messageRetentionSeconds: 345_600, maxReceiveCount: 5 },
    jobs: { visibilityTimeoutSeconds: 900, messageRetentionSeconds: 345_600, maxReceiveCount: 4 },
    results: { visibilityTimeoutSeconds: 60, messageRetentionSeconds: 604_800, maxReceiveCount: 10 },
};

const isInt = (n: number) => Number.isInteger(n);

/** Problems with one queue's settings, each naming the field (empty when valid). */
export function queueSettingsProblems(s: QueueSettings): { field: keyof QueueSettings; message: string }[] {
    const problems: { field: keyof QueueSettings; message: string }[] = [];
    const range = (field: keyof QueueSettings, r: { min: number; max: number }, unit: string) => {
        const v = s[field];
        if (!isInt(v) || v < r.min || v > r.max) problems.push({ field, message: `${v} is not a whole number of ${unit} from ${r.min} to ${r.max} (SQS's range)` });
    };
    range("visibilityTimeoutSeconds", VISIBILITY_TIMEOUT_RANGE, "seconds");
    range("messageRetentionSeconds", MESSAGE_RETENTION_RANGE, "seconds");
    range("maxReceiveCount", MAX_RECEIVE_COUNT_RANGE, "receives");
    if (isInt(s.messageRetentionSeconds) && s.messageRetentionSeconds > MAX_SOURCE_RETENTION_SECONDS && s.messageRetentionSeconds <= MESSAGE_RETENTION_RANGE.max) {
        problems.push({
            field: "messageRetentionSeconds",
            message: `${s.messageRetentionSeconds} is more than ${MAX_SOURCE_RETENTION_SECONDS} (7 days): a message's expiry counts from its first enqueue, so it could expire in the 14-day dead-letter queue before anyone looks; keep it at 7 days or less`,
        });
    }
    return problems;
}

/** The RedrivePolicy attribute of a source queue. */
export function redrivePolicy(deadLetterQueueArn: string, maxReceiveCount: number): string {
    return JSON.stringify({ deadLetterTargetArn: deadLetterQueueArn, maxReceiveCount });
}

/** The RedriveAllowPolicy of a dead-letter queue: only its one source queue may use it. */
export function redriveAllowPolicy(sourceQueueArn: string): string {
    return JSON.stringify({ redrivePermission: "byQueue", sourceQueueArns: [sourceQueueArn] });
}
