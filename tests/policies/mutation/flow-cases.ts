/**
 * Mutations of the work flow (issue 11): one careless change each to the queues, their policies,
 * their key and the bucket notification of a real plan, and the policy that must catch it.
 * Composed into MUTATIONS by ./cases.ts (kept apart so other work adds cases without conflicts).
 */
import type { ExportedResource } from "../../../policies/lib/stack-export";
import type { Applied, Mutation } from "./cases";
import { editDocument, StackDoc } from "./stack-doc";

type Props = Record<string, unknown>;
const edited = (r: ExportedResource): Applied => ({ urn: r.urn, how: "edit" });
const added = (r: ExportedResource): Applied => ({ urn: r.urn, how: "add" });

const QUEUE = "aws:sqs/queue:Queue";
const QUEUE_POLICY = "aws:sqs/queuePolicy:QueuePolicy";
const NOTIFICATION = "aws:s3/bucketNotification:BucketNotification";

/** A queue of the plan by its physical name's ending (`-jobs`, `-intake-dlq`). */
const queue = (d: StackDoc, suffix: string) => d.find(QUEUE, `queue spot-grid-<stack>${suffix}`, (q) => String(q.inputs?.name ?? "").endsWith(suffix));
/** The queue policy attached to that queue (its queueUrl is the queue's id). */
const policyOf = (d: StackDoc, q: ExportedResource) => d.find(QUEUE_POLICY, `policy of ${q.urn.split("::").pop()}`, (p) => p.inputs?.queueUrl === q.id || (p.propertyDependencies?.queueUrl ?? []).includes(q.urn));
const queueKey = (d: StackDoc) => d.find("aws:kms/key:Key", "the queue key (tagged queue-key)", (k) => (k.inputs?.tags as Props | undefined)?.["spot-grid:role"] === "queue-key");

export const FLOW_MUTATIONS: readonly Mutation[] = [
    {
        id: "job-queue-aws-managed-key",
        concern: "encryption",
        change: "encrypts the job queue with the AWS-managed alias/aws/sqs instead of the queue key",
        policy: "sqs-kms-encryption",
        level: "mandatory",
        apply: (d) => edited(d.edit(queue(d, "-jobs"), (p) => (p.kmsMasterKeyId = "alias/aws/sqs"))),
    },
    {
        id: "results-dlq-sse-sqs",
        concern: "encryption",
        change: "switches the results dead-letter queue to SSE-SQS (sqsManagedSseEnabled) and drops its KMS key",
        policy: "sqs-kms-encryption",
        level: "mandatory",
        apply: (d) =>
            edited(
                d.edit(queue(d, "-results-dlq"), (p) => {
                    delete p.kmsMasterKeyId;
                    p.sqsManagedSseEnabled = true;
                }),
            ),
    },
    {
        id: "job-queue-policy-public-send",
        concern: "egress",
        change: "adds an Allow sqs:SendMessage to Principal \"*\" without a condition to the job queue's policy",
        policy: "sqs-no-public-access",
        level: "mandatory",
        apply: (d) =>
            edited(
                d.edit(policyOf(d, queue(d, "-jobs")), (p) =>
                    editDocument(p, "policy", (doc) => doc.Statement.push({ Sid: "AnyoneSubmits", Effect: "Allow", Principal: "*", Action: "sqs:SendMessage", Resource: queue(d, "-jobs").outputs?.arn })),
                ),
            ),
    },
    {
        id: "intake-queue-policy-drops-source-condition",
        concern: "egress",
        change: "drops the aws:SourceArn/aws:SourceAccount condition from S3's statement and widens it to Principal \"*\" on the intake queue",
        policy: "sqs-no-public-access",
        level: "mandatory",
        apply: (d) =>
            edited(
                d.edit(policyOf(d, queue(d, "-intake")), (p) =>
                    editDocument(p, "policy", (doc) => {
                        const s3 = doc.Statement.find((s) => s.Effect === "Allow")!;
                        s3.Principal = "*";
                        delete s3.Condition;
                    }),
                ),
            ),
    },
    {
        id: "queue-key-names-unknown-role",
        concern: "iam",
        change: "adds a role nobody created (spot-grid-job-runner) to the queue key's named users",
        policy: "iam-trust-known-principals",
        level: "mandatory",
        apply: (d) =>
            edited(
                d.edit(queueKey(d), (p) =>
                    editDocument(p, "policy", (doc) => {
                        const use = doc.Statement.find((s) => s.Sid === "NamedRolesUseKeyThroughSqs")!;
                        ((use.Condition as any).ArnEquals["aws:PrincipalArn"] as string[]).push("arn:aws:iam::111122223333:role/spot-grid-job-runner");
                    }),
                ),
            ),
    },
    {
        id: "job-queue-policy-trusts-unknown-role",
        concern: "iam",
        change: "lets a role nobody created receive from the job queue through its queue policy",
        policy: "iam-trust-known-principals",
        level: "mandatory",
        stack: "ohio",
        apply: (d) =>
            edited(
                d.edit(policyOf(d, queue(d, "-jobs")), (p) =>
                    editDocument(p, "policy", (doc) =>
                        doc.Statement.push({ Sid: "ContractorReads", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:role/contractor-grid" }, Action: "sqs:ReceiveMessage", Resource: queue(d, "-jobs").outputs?.arn }),
                    ),
                ),
            ),
    },
    {
        id: "job-queue-without-dlq",
        concern: "data-protection",
        change: "removes the job queue's redrive policy (no dead-letter queue)",
        policy: "sqs-dead-letter-queue",
        level: "mandatory",
        apply: (d) => edited(d.edit(queue(d, "-jobs"), (p) => delete p.redrivePolicy)),
    },
    {
        id: "hand-made-queue-without-dlq",
        concern: "data-protection",
        change: "adds a hand-written SSE-KMS queue for ad-hoc jobs with no dead-letter queue",
        policy: "sqs-dead-letter-queue",
        level: "mandatory",
        stack: "hyderabad",
        apply: (d) => added(d.add(QUEUE, "adhoc-jobs", { name: "spot-grid-hyderabad-adhoc", kmsMasterKeyId: queueKey(d).outputs?.arn }, { outputs: { arn: "arn:aws:sqs:ap-south-2:111122223333:spot-grid-hyderabad-adhoc", url: "https://sqs.ap-south-2.amazonaws.com/111122223333/spot-grid-hyderabad-adhoc" } })),
    },
    {
        id: "notification-to-foreign-queue",
        concern: "data-protection",
        change: "points the intake notification at a queue in another account",
        policy: "s3-notification-targets",
        level: "mandatory",
        apply: (d) =>
            edited(
                d.edit(d.find(NOTIFICATION, "the data bucket's notifications"), (p) => {
                    ((p.queues as Props[])[0]).queueArn = "arn:aws:sqs:ap-south-1:999988887777:vendor-ingest";
                }),
            ),
    },
    {
        id: "notification-to-unencrypted-queue",
        concern: "data-protection",
        change: "adds an unencrypted queue and sends the results notification to it",
        policy: "s3-notification-targets",
        level: "mandatory",
        stack: "ohio",
        apply: (d) => {
            const plain = d.add(QUEUE, "results-plain", { name: "spot-grid-ohio-results-plain" }, { outputs: { arn: "arn:aws:sqs:us-east-2:111122223333:spot-grid-ohio-results-plain" } });
            return edited(
                d.edit(d.find(NOTIFICATION, "the data bucket's notifications"), (p) => {
                    const results = (p.queues as Props[]).find((q) => String(q.filterPrefix).startsWith("processed/"))!;
                    results.queueArn = plain.outputs!.arn;
                }),
            );
        },
    },
];
