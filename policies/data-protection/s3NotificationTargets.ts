/**
 * s3-notification-targets: S3 event notifications (the keys of new objects, their sizes and who
 * wrote them) go only to targets in the stack's own account that keep the events encrypted under a
 * key we own:
 * - an SQS queue or SNS topic of this stack with a customer-managed KMS key (kmsMasterKeyId, not an
 *   AWS-managed alias);
 * - a Lambda function of this stack (nothing is kept; it runs with our account's role);
 * - EventBridge (`eventbridge: true`: the account's own default bus).
 * A target that is not in the stack cannot be checked for either, so it is reported unless the
 * policy's `knownEncryptedTargetArns` lists it; even then its ARN must be in an account of this
 * stack (the accounts in the ARNs of the stack's own resources).
 * In a preview the stack's new targets have no ARN yet: one named by a string ARN is found by its
 * name, and its key is judged (an unknown key, or an account check that needs the unknown ARNs,
 * makes the finding "can't run during preview", never a violation).
 *
 * Severity: high. Enforcement: mandatory. Anchor: none (ours).
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-event-types-and-destinations.html
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/grant-destinations-permissions-to-s3.html
 */
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { isCustomerKeyRef } from "../lib/policy-kit";
import { peek, peekOrPending, PENDING, stackIndex } from "../lib/resource-graph";
import { asList, asRecord, known as knownValue, prop, UNKNOWN, UnknownValueError } from "../lib/resource-props";

const NOTIFICATION_TYPE = "aws:s3/bucketNotification:BucketNotification";
const QUEUE = "aws:sqs/queue:Queue";
const TOPIC = "aws:sns/topic:Topic";
const FUNCTION = "aws:lambda/function:Function";

/** Where each target kind lives in a BucketNotification, and what encrypts it. */
const TARGETS = [
    { field: "queues", arnField: "queueArn", type: QUEUE, what: "queue", keyField: "kmsMasterKeyId" },
    { field: "topics", arnField: "topicArn", type: TOPIC, what: "topic", keyField: "kmsMasterKeyId" },
    { field: "lambdaFunctions", arnField: "lambdaFunctionArn", type: FUNCTION, what: "function", keyField: undefined },
] as const;

export interface S3NotificationTargetsConfig {
    /** Targets outside the stack known to be encrypted with a customer-managed key (same account still required). */
    knownEncryptedTargetArns?: string[];
}

/** The resource name in a target's ARN (`...:<name>`; a function's `...:function:<name>[:<qualifier>]`). */
function nameOf(arn: string): string | undefined {
    const parts = arn.split(":");
    return parts[5] === "function" ? parts[6] : parts[5];
}

/** The account field of an ARN (`arn:aws:sqs:<region>:<account>:<name>`), or undefined. */
function accountOf(arn: string): string | undefined {
    const a = arn.split(":")[4];
    return a && /^\d{12}$/.test(a) ? a : undefined;
}

export const s3NotificationTargets: StackValidationPolicy = {
    name: "s3-notification-targets",
    description: "S3 event notifications go only to targets in the stack's account that encrypt with a customer-managed key (queues, topics) or keep nothing (functions, EventBridge).",
    enforcementLevel: "mandatory",
    severity: "high",
    configSchema: {
        properties: {
            knownEncryptedTargetArns: {
                type: "array",
                items: { type: "string" },
                default: [],
                description: "ARNs of notification targets outside the stack that are known to be encrypted with a customer-managed key (they must still be in the stack's account).",
            },
        },
    },
    validateStack: (args, reportViolation) => {
        const known = new Set(args.getConfig<S3NotificationTargetsConfig>().knownEncryptedTargetArns ?? []);
        const index = stackIndex(args.resources);
        const byArn = new Map<string, PolicyResource>();
        /** Targets whose ARN a preview does not know yet, by type and name. */
        const pendingByName = new Map<string, PolicyResource>();
        const accounts = new Set<string>();
        let accountsPending = false;
        for (const r of args.resources) {
            const arn = peekOrPending(r.props, "arn");
            if (arn === PENDING) {
                accountsPending = true;
                const name = peek(r.props, "name");
                if ((r.type === QUEUE || r.type === TOPIC || r.type === FUNCTION) && typeof name === "string") pendingByName.set(`${r.type} ${name}`, r);
            }
            if (typeof arn !== "string") continue;
            if (r.type === QUEUE || r.type === TOPIC || r.type === FUNCTION) byArn.set(arn, r);
            const account = accountOf(arn);
            if (account) accounts.add(account);
        }
        for (const n of index.ofType(NOTIFICATION_TYPE)) {
            const label = `Bucket notification '${n.name}'`;
            for (const t of TARGETS) {
                asList(peek(n.props, t.field)).forEach((raw, i) => {
                    const arn = knownValue(asRecord(raw)?.[t.arnField], [t.field, String(i), t.arnField]);
                    if (typeof arn !== "string") return;
                    const where = `${t.field}[${i}] (${arn})`;
                    const target = byArn.get(arn) ?? pendingByName.get(`${t.type} ${nameOf(arn)}`);
                    if (!target) {
                        const account = accountOf(arn);
                        if (!account || !accounts.has(account)) {
                            // The stack's accounts come from its ARNs: with some unknown, this can't be told yet.
                            if (account && accountsPending) throw new UnknownValueError(UNKNOWN, ["arn"]);
                            reportViolation(`${label} sends events to ${where} in another account than this stack's; notify a ${t.what} of this stack (and account) instead.`, n.urn);
                        } else if (!known.has(arn)) {
                            reportViolation(`${label} sends events to ${where}, which is not in this stack, so its encryption cannot be checked; create the ${t.what} in this stack with a customer-managed KMS key, or list it in this policy's knownEncryptedTargetArns.`, n.urn);
                        }
                        return;
                    }
                    // Judged: a key unknown in a preview is "can't run during preview", never "not encrypted".
                    if (t.keyField && !isCustomerKeyRef(prop(target.props, t.keyField))) {
                        reportViolation(`${label} sends events to ${where}, which is not encrypted with a customer-managed KMS key (${t.keyField}); encrypt the ${t.what} with your CMK (its key policy must let s3.amazonaws.com use it).`, n.urn);
                    }
                });
            }
        }
    },
};
