/**
 * sqs-dead-letter-queue: every SQS queue has a dead-letter queue (a `redrivePolicy` with a
 * `deadLetterTargetArn` and a `maxReceiveCount`, inline or as an `sqs.RedrivePolicy`), so a message
 * no consumer can process (a malformed job, an upload event the validator keeps failing on) is set
 * aside for a person instead of being retried until it silently expires. Dead-letter queues
 * themselves are exempt: a queue another queue's redrive policy names, or one whose
 * `redriveAllowPolicy` admits sources (byQueue, allowAll). A queue may not be its own DLQ.
 *
 * Severity: medium. Enforcement: mandatory. Anchor: none (AWS Well-Architected REL05-BP04 style).
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html
 */
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { peek, peekOrPending as read, PENDING, stackIndex } from "../lib/resource-graph";

const QUEUE = "aws:sqs/queue:Queue";
const REDRIVE = "aws:sqs/redrivePolicy:RedrivePolicy";
const REDRIVE_ALLOW = "aws:sqs/redriveAllowPolicy:RedriveAllowPolicy";

/** A policy attribute as SQS takes it: JSON text (or an object, as a hand-written program may give it). */
function json(value: unknown): Record<string, unknown> | undefined {
    if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
    if (typeof value !== "string" || value.trim() === "") return undefined;
    try {
        const parsed = JSON.parse(value);
        return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? parsed : undefined;
    } catch {
        return undefined;
    }
}

function admitsSources(redriveAllow: unknown): boolean {
    const p = json(redriveAllow)?.redrivePermission;
    return p === "byQueue" || p === "allowAll";
}

export const sqsDeadLetterQueue: StackValidationPolicy = {
    name: "sqs-dead-letter-queue",
    description: "Every SQS queue (other than a dead-letter queue) has a redrive policy to a dead-letter queue.",
    enforcementLevel: "mandatory",
    severity: "medium",
    validateStack: (args, reportViolation) => {
        const index = stackIndex(args.resources);
        const queues = index.ofType(QUEUE);
        const idsOf = new Map(queues.map((q) => [q, [peek(q.props, "arn"), peek(q.props, "id"), peek(q.props, "url")].filter((v): v is string => typeof v === "string")]));
        const ids = (q: PolicyResource) => idsOf.get(q)!;
        // A split resource (sqs.RedrivePolicy, sqs.RedriveAllowPolicy) points at its queue by URL
        // (queueUrl); the last one in stack order wins, as the last write does in SQS.
        const attribute = (field: string, splitType: string) => {
            const byQueue = new Map<PolicyResource, unknown>();
            for (const q of queues) {
                const split = index.referrers([splitType], "queueUrl", q, ["arn", "id", "url"]).at(-1);
                byQueue.set(q, read((split ?? q).props, field));
            }
            return byQueue;
        };
        const redriveOf = attribute("redrivePolicy", REDRIVE);
        const allowOf = attribute("redriveAllowPolicy", REDRIVE_ALLOW);
        const targets = new Set<string>();
        // In preview a redrive policy naming a DLQ created in the same run is not known yet; the DLQ
        // it depends on (propertyDependencies) is known, and the policy judges the values at `up`.
        const pendingTargets = new Set<string>();
        for (const [q, p] of redriveOf.entries()) {
            if (p === PENDING) {
                for (const d of q.propertyDependencies?.redrivePolicy ?? []) pendingTargets.add(d.urn);
                continue;
            }
            const t = json(p)?.deadLetterTargetArn;
            if (typeof t === "string") targets.add(t);
        }
        for (const q of queues) {
            if (redriveOf.get(q) === PENDING) continue;
            const allow = allowOf.get(q);
            const isDeadLetterQueue = ids(q).some((id) => targets.has(id)) || pendingTargets.has(q.urn) || (allow !== PENDING && admitsSources(allow));
            const redrive = json(redriveOf.get(q));
            const target = redrive?.deadLetterTargetArn;
            const count = Number(redrive?.maxReceiveCount);
            if (redrive === undefined) {
                if (isDeadLetterQueue) continue;
                reportViolation(`Queue '${q.name}' has no dead-letter queue: a message no consumer can process is retried until it expires, unseen. Create a dead-letter queue and set redrivePolicy {deadLetterTargetArn, maxReceiveCount} (and alarm on its depth).`, q.urn);
            } else if (typeof target !== "string" || target === "") {
                reportViolation(`Queue '${q.name}' has a redrivePolicy without a deadLetterTargetArn; name the dead-letter queue's ARN.`, q.urn);
            } else if (ids(q).includes(target)) {
                reportViolation(`Queue '${q.name}' names itself as its dead-letter queue; create a separate dead-letter queue.`, q.urn);
            } else if (!Number.isInteger(count) || count < 1 || count > 1000) {
                reportViolation(`Queue '${q.name}' has a redrivePolicy whose maxReceiveCount ${JSON.stringify(redrive?.maxReceiveCount)} is not a whole number from 1 to 1000; set how many receives a message gets before it moves to the dead-letter queue.`, q.urn);
            }
        }
    },
};
