/**
 * RegionalFlow: the work flow of one region stack, on top of its network, compute and data:
 *
 *   on-prem upload -> incoming/ --S3 event--> intake queue --> validator --> raw/ | rejected/
 *   on-prem job submitter --SQS endpoint--> job queue --> Spot workers --> processed/<region>/
 *   processed/<region>/ --S3 event--> results queue --SQS endpoint--> on-prem results reader
 *
 * Every queue is SSE-KMS with the stack's queue key, has a dead-letter queue (and an alarm on it to
 * the operations topic) and a queue policy that admits messages only through the region's SQS
 * interface endpoint (queue-policies.ts). Each principal gets its own inline policy for its hop
 * (access-policies.ts). The bucket notification waits for the queue policies and the key: S3
 * validates a destination by sending it a test event (s3:TestEvent) when the configuration is saved.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html
 *
 * Compared with FINOS HTC-Grid's queues (a CMK limited to kms:ViaService, an HTTPS-only queue
 * policy, 14-day retention, 4 receives to the DLQ, scaling from a Lambda's custom metric with
 * `sqs:*` on `*`): here every message call is pinned to a VPC endpoint reachable only over the VPN,
 * each caller is a separate least-privilege role named in the key policy, S3 may send only for
 * our bucket, and scaling reads CloudWatch metric math with no extra principal at all.
 */
import * as aws from "../lib/aws";
import * as pulumi from "@pulumi/pulumi";
import { AccountContext } from "../lib/policy-document";
import { INCOMING_PREFIX, processedPrefix, ROLE_TAG } from "../storage/layout";
import { jobSubmitterPolicy, QueueAccess, resultsReaderPolicy, validatorPolicy, workerQueuePolicy } from "./access-policies";
import { deadLetterQueueName, QUEUE_PURPOSES, QueuePurpose, queueArn, queueKeyAlias, queueName } from "./naming";
import { OnPremRole } from "./onprem-role";
import { queueKeyPolicy, queuePolicy } from "./queue-policies";
import { DEAD_LETTER_RETENTION_SECONDS, DEFAULT_QUEUE_SETTINGS, QueueSettings, queueSettingsProblems, RECEIVE_WAIT_SECONDS, redriveAllowPolicy, redrivePolicy } from "./queue-settings";

/** `spot-grid:role` of the queue key (policies and people tell keys apart by it). */
export const ROLE_QUEUE_KEY = "queue-key";

/** S3 events that mean "a new object": every way of creating one (put, post, copy, multipart). https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-event-types-and-destinations.html */
export const OBJECT_CREATED_EVENTS = ["s3:ObjectCreated:*"];

/** Seconds SQS reuses a data key before asking KMS again (fewer KMS calls; SQS's default). */
export const DATA_KEY_REUSE_SECONDS = 300;

export interface RegionalFlowArgs {
    readonly stack: string;
    readonly region: string;
    readonly ctx: pulumi.Input<AccountContext>;
    /** The primary takes uploads: its validator is granted (docs/data.md, failover). */
    readonly primary: boolean;
    /** The region's data bucket and key. */
    readonly bucket: { readonly name: pulumi.Input<string>; readonly arn: pulumi.Input<string>; readonly keyArn: pulumi.Input<string> };
    /** The S3 interface endpoint on-prem reaches over the VPN (the results reader reads through it). */
    readonly s3InterfaceEndpointId: pulumi.Input<string>;
    /** The SQS interface endpoint: the only way to the queues' messages. */
    readonly sqsEndpointId: pulumi.Input<string>;
    /** The workers' role (created by compute first): consumes the job queue. */
    readonly workersRole: { readonly arn: pulumi.Input<string>; readonly name: pulumi.Input<string> };
    /** Validates uploads (intake queue, incoming/ -> raw/ | rejected/). @default the workers' role */
    readonly validatorRole?: { readonly arn: pulumi.Input<string>; readonly name: pulumi.Input<string> };
    /** On-prem's job submitter role (created first), when configured. */
    readonly jobSubmitter?: OnPremRole;
    /** On-prem's results reader role (created first), when configured. */
    readonly resultsReader?: OnPremRole;
    /** Queue settings by purpose. @default DEFAULT_QUEUE_SETTINGS */
    readonly queues?: Partial<Record<QueuePurpose, QueueSettings>>;
    /** The operations topic: the dead-letter alarms notify it. @default none */
    readonly alarmTopicArn?: pulumi.Input<string>;
    /** Pulumi `protect` on the queue key. @default true */
    readonly protect?: boolean;
}

/** Checks the queue settings before anything is created. @throws naming the queue, the field and the range. */
export function validateRegionalFlowArgs(args: Pick<RegionalFlowArgs, "queues">): void {
    for (const purpose of QUEUE_PURPOSES) {
        const problems = queueSettingsProblems({ ...DEFAULT_QUEUE_SETTINGS[purpose], ...(args.queues?.[purpose] ?? {}) });
        if (problems.length > 0) throw new Error(`RegionalFlow: queues.${purpose}.${problems[0].field}: ${problems[0].message}`);
    }
}

export interface FlowQueue {
    readonly url: pulumi.Output<string>;
    readonly arn: pulumi.Output<string>;
    readonly name: pulumi.Output<string>;
    readonly deadLetterArn: pulumi.Output<string>;
    readonly deadLetterUrl: pulumi.Output<string>;
}

export class RegionalFlow extends pulumi.ComponentResource {
    /** Whether this stack takes uploads (and validates them) now. */
    readonly primary: boolean;
    readonly keyArn: pulumi.Output<string>;
    readonly queues: Readonly<Record<QueuePurpose, FlowQueue>>;

    constructor(name: string, args: RegionalFlowArgs, opts?: pulumi.ComponentResourceOptions) {
        super("spot-grid:flow:RegionalFlow", name, {}, opts);
        validateRegionalFlowArgs(args);
        this.primary = args.primary;
        const ctx = pulumi.output(args.ctx);
        const settings = (p: QueuePurpose): QueueSettings => ({ ...DEFAULT_QUEUE_SETTINGS[p], ...(args.queues?.[p] ?? {}) });
        const validator = args.validatorRole ?? args.workersRole;

        // --- The queue key: the roles of the trip through SQS; S3 for its notifications.
        const keyUsers = [args.workersRole.arn, ...(args.primary ? [validator.arn] : []), ...(args.jobSubmitter ? [args.jobSubmitter.roleArn] : []), ...(args.resultsReader ? [args.resultsReader.roleArn] : [])];
        const key = new aws.kms.Key(
            `${name}-queue-key`,
            {
                description: `spot-grid ${args.stack} queue key (${args.region}): SSE-KMS for the intake, job and results queues and their dead-letter queues`,
                enableKeyRotation: true,
                deletionWindowInDays: 30,
                policy: pulumi.all([ctx, pulumi.all(keyUsers)]).apply(([c, users]) => JSON.stringify(queueKeyPolicy({ ...c, keyUserArns: [...new Set(users)], s3Notifies: true }))),
                tags: { [ROLE_TAG]: ROLE_QUEUE_KEY },
            },
            // Messages in flight are readable only while the key exists: never delete it with the stack.
            { parent: this, protect: args.protect ?? true, retainOnDelete: true },
        );
        new aws.kms.Alias(`${name}-queue-key-alias`, { name: queueKeyAlias(args.stack), targetKeyId: key.keyId }, { parent: this });

        // --- Queues: a dead-letter queue first (the source's redrive policy names it), then the source.
        const policies: pulumi.Resource[] = [];
        const notified: Record<QueuePurpose, boolean> = { intake: true, jobs: false, results: true };
        const queues = {} as Record<QueuePurpose, FlowQueue>;
        for (const purpose of QUEUE_PURPOSES) {
            const s = settings(purpose);
            const sourceArn = ctx.apply((c) => queueArn(c, queueName(args.stack, purpose)));
            const dlq = new aws.sqs.Queue(
                `${name}-${purpose}-dlq`,
                {
                    name: deadLetterQueueName(args.stack, purpose),
                    kmsMasterKeyId: key.arn,
                    kmsDataKeyReusePeriodSeconds: DATA_KEY_REUSE_SECONDS,
                    messageRetentionSeconds: DEAD_LETTER_RETENTION_SECONDS,
                    // Only its own source queue may move messages here.
                    // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-configure-dead-letter-queue-redrive.html
                    redriveAllowPolicy: sourceArn.apply(redriveAllowPolicy),
                },
                { parent: this },
            );
            const queue = new aws.sqs.Queue(
                `${name}-${purpose}`,
                {
                    name: queueName(args.stack, purpose),
                    kmsMasterKeyId: key.arn,
                    kmsDataKeyReusePeriodSeconds: DATA_KEY_REUSE_SECONDS,
                    visibilityTimeoutSeconds: s.visibilityTimeoutSeconds,
                    messageRetentionSeconds: s.messageRetentionSeconds,
                    receiveWaitTimeSeconds: RECEIVE_WAIT_SECONDS,
                    redrivePolicy: dlq.arn.apply((arn) => redrivePolicy(arn, s.maxReceiveCount)),
                },
                { parent: this },
            );
            for (const [suffix, q, fromBucket] of [["", queue, notified[purpose]], ["-dlq", dlq, false]] as const) {
                const policy = new aws.sqs.QueuePolicy(
                    `${name}-${purpose}${suffix}-policy`,
                    {
                        queueUrl: q.id,
                        policy: pulumi.all([q.arn, args.sqsEndpointId, args.bucket.arn, ctx]).apply(([arn, endpoint, bucketArn, c]) =>
                            JSON.stringify(queuePolicy({ queueArn: arn, sqsEndpointIds: [endpoint], notificationsFrom: fromBucket ? { bucketArn, accountId: c.accountId } : undefined })),
                        ),
                    },
                    { parent: this },
                );
                if (fromBucket) policies.push(policy);
            }
            // A message in a dead-letter queue failed maxReceiveCount times: a person looks at it.
            const actions = args.alarmTopicArn !== undefined ? [args.alarmTopicArn] : [];
            new aws.cloudwatch.MetricAlarm(
                `${name}-${purpose}-dlq-not-empty`,
                {
                    alarmDescription: `spot-grid ${args.stack}: messages in the ${purpose} dead-letter queue (they failed ${s.maxReceiveCount} receives); inspect them, fix the cause, redrive.`,
                    namespace: "AWS/SQS",
                    metricName: "ApproximateNumberOfMessagesVisible",
                    dimensions: { QueueName: dlq.name },
                    statistic: "Maximum",
                    period: 300,
                    evaluationPeriods: 1,
                    comparisonOperator: "GreaterThanThreshold",
                    threshold: 0,
                    treatMissingData: "notBreaching",
                    alarmActions: actions,
                    okActions: actions,
                },
                { parent: this },
            );
            queues[purpose] = { url: queue.url, arn: queue.arn, name: queue.name, deadLetterArn: dlq.arn, deadLetterUrl: dlq.url };
        }
        this.queues = queues;
        this.keyArn = key.arn;

        // --- S3 event notifications: new uploads to the intake queue, this region's results to the results queue.
        new aws.s3.BucketNotification(
            `${name}-notifications`,
            {
                bucket: args.bucket.name,
                queues: [
                    { id: "uploads-to-intake", queueArn: queues.intake.arn, events: OBJECT_CREATED_EVENTS, filterPrefix: INCOMING_PREFIX },
                    { id: "results-to-on-prem", queueArn: queues.results.arn, events: OBJECT_CREATED_EVENTS, filterPrefix: processedPrefix(args.region) },
                ],
            },
            { parent: this, dependsOn: [...policies, key] },
        );

        // --- Each hop's own inline policy.
        const access = (purpose: QueuePurpose) =>
            pulumi.all([queues[purpose].arn, key.arn, args.sqsEndpointId]).apply(([queueArnValue, queueKeyArn, sqsEndpointId]): QueueAccess => ({ queueArn: queueArnValue, queueKeyArn, region: args.region, sqsEndpointId }));
        const bucket = pulumi.all([args.bucket.arn, args.bucket.keyArn]).apply(([bucketArn, keyArn]) => ({ bucketArn, keyArn, region: args.region }));
        new aws.iam.RolePolicy(
            `${name}-workers-jobs`,
            { role: args.workersRole.name, name: "job-queue", policy: access("jobs").apply((jobs) => JSON.stringify(workerQueuePolicy(jobs))) },
            { parent: this },
        );
        if (args.primary) {
            new aws.iam.RolePolicy(
                `${name}-validator`,
                { role: validator.name, name: "validator", policy: pulumi.all([bucket, access("intake")]).apply(([b, intake]) => JSON.stringify(validatorPolicy({ bucket: b, intake }))) },
                { parent: this },
            );
        }
        args.jobSubmitter?.attach("submit-jobs", access("jobs").apply((jobs) => jobSubmitterPolicy(jobs)));
        args.resultsReader?.attach(
            "read-results",
            pulumi.all([bucket, access("results"), args.s3InterfaceEndpointId]).apply(([b, results, s3EndpointId]) => resultsReaderPolicy({ bucket: b, results, s3EndpointId })),
        );

        this.registerOutputs({
            keyArn: this.keyArn,
            intakeQueueUrl: queues.intake.url,
            jobQueueUrl: queues.jobs.url,
            resultsQueueUrl: queues.results.url,
        });
    }
}
