/**
 * The work flow under the offline engine, read from the real plan of every region stack (the
 * shared plan exports: no extra stack process): the queues and their dead-letter queues, the queue
 * key, the queue policies, the bucket notification and what it waits for, the SQS interface
 * endpoint, the backlog scaling policy, the dead-letter alarms, the on-prem roles and the outputs.
 */
import * as assert from "assert";
import type { ExportedResource, StackExport } from "../../../policies/lib/stack-export";
import { DEFAULT_QUEUE_SETTINGS, DEAD_LETTER_RETENTION_SECONDS } from "../../../components/flow/queue-settings";
import { planExports } from "../../helpers/plan-exports";

const json = (v: unknown) => (typeof v === "string" ? JSON.parse(v) : v) as any;
const REGION: Record<string, string> = { mumbai: "ap-south-1", hyderabad: "ap-south-2", ohio: "us-east-2" };
const PRIMARY = "mumbai";

describe("components/flow: the work flow in every region's plan (offline engine)", function () {
    this.timeout(600_000);
    let exports: Record<string, StackExport>;
    before(async () => {
        exports = (await planExports()).exports as Record<string, StackExport>;
    });

    for (const stack of ["mumbai", "hyderabad", "ohio"]) {
        describe(stack, () => {
            const resources = () => exports[stack].deployment.resources;
            const ofType = (t: string) => resources().filter((r) => r.type === t);
            const byName = (t: string, name: string) => {
                const hit = ofType(t).find((r) => r.inputs?.name === name);
                assert.ok(hit, `${stack}: no ${t} named ${name}`);
                return hit;
            };
            const queue = (suffix: string) => byName("aws:sqs/queue:Queue", `spot-grid-${stack}-${suffix}`);
            const queueKey = () => ofType("aws:kms/key:Key").find((k) => (k.inputs?.tags as any)?.["spot-grid:role"] === "queue-key")!;
            const outputs = () => resources().find((r) => r.type === "pulumi:pulumi:Stack")!.outputs as Record<string, any>;
            const sqsEndpoint = () => ofType("aws:ec2/vpcEndpoint:VpcEndpoint").find((e) => String(e.inputs?.serviceName).endsWith(".sqs"))!;
            const dataBucket = () => ofType("aws:s3/bucket:Bucket").find((b) => (b.inputs?.tags as any)?.["spot-grid:role"] === "data")!;

            it("has the intake, job and results queues, each SSE-KMS with the queue key, long polling, redriven to its own dead-letter queue", () => {
                const key = queueKey();
                assert.ok(key, "a queue key tagged spot-grid:role=queue-key");
                for (const purpose of ["intake", "jobs", "results"] as const) {
                    const q = queue(purpose);
                    const dlq = queue(`${purpose}-dlq`);
                    const i = q.inputs as any;
                    assert.strictEqual(i.kmsMasterKeyId, key.outputs!.arn, purpose);
                    assert.strictEqual((dlq.inputs as any).kmsMasterKeyId, key.outputs!.arn, `${purpose}-dlq`);
                    assert.deepStrictEqual(json(i.redrivePolicy), { deadLetterTargetArn: dlq.outputs!.arn, maxReceiveCount: DEFAULT_QUEUE_SETTINGS[purpose].maxReceiveCount });
                    assert.deepStrictEqual([i.visibilityTimeoutSeconds, i.messageRetentionSeconds, i.receiveWaitTimeSeconds], [DEFAULT_QUEUE_SETTINGS[purpose].visibilityTimeoutSeconds, DEFAULT_QUEUE_SETTINGS[purpose].messageRetentionSeconds, 20]);
                    assert.strictEqual((dlq.inputs as any).messageRetentionSeconds, DEAD_LETTER_RETENTION_SECONDS);
                    assert.deepStrictEqual(json((dlq.inputs as any).redriveAllowPolicy), { redrivePermission: "byQueue", sourceQueueArns: [q.outputs!.arn] });
                }
                assert.strictEqual(ofType("aws:sqs/queue:Queue").length, 6);
            });

            it("keeps the queue key: rotation, 30-day window, protect and retainOnDelete, an alias, watched by the key-state alarm", () => {
                const key = queueKey();
                assert.deepStrictEqual([(key.inputs as any).enableKeyRotation, (key.inputs as any).deletionWindowInDays, key.protect, key.retainOnDelete], [true, 30, true, true]);
                assert.ok(ofType("aws:kms/alias:Alias").some((a) => a.inputs?.name === `alias/spot-grid-${stack}-queues`));
                const rule = ofType("aws:cloudwatch/eventRule:EventRule").find((r) => String(r.inputs?.name).endsWith("-key-state"))!;
                assert.ok(json(rule.inputs!.eventPattern).detail.requestParameters.keyId.includes(key.outputs!.arn));
            });

            it("names the trip's roles in the queue key (the validator only in the primary) and lets S3 encrypt its notifications", () => {
                const statements = json(queueKey().inputs!.policy).Statement;
                const users = statements.find((s: any) => s.Sid === "NamedRolesUseKeyThroughSqs");
                const region = REGION[stack];
                const expected = [`spot-grid-workers-${region}`, `spot-grid-job-submitter-${region}`, `spot-grid-results-reader-${region}`].map((n) => `arn:aws:iam::111122223333:role/${n}`).sort();
                assert.deepStrictEqual(users.Condition.ArnEquals["aws:PrincipalArn"], expected, "the workers' role is the validator too, so it is listed once");
                assert.strictEqual(users.Condition.StringEquals["kms:ViaService"], `sqs.${region}.amazonaws.com`);
                assert.deepStrictEqual(statements.find((s: any) => s.Sid === "S3SendsEventNotificationsToEncryptedQueues").Principal, { Service: "s3.amazonaws.com" });
            });

            it("gives every queue a policy: TLS only, messages only through the SQS endpoint; S3 may send to intake and results for this bucket only", () => {
                const endpoint = sqsEndpoint();
                const policies = ofType("aws:sqs/queuePolicy:QueuePolicy");
                assert.strictEqual(policies.length, 6);
                for (const p of policies) {
                    const doc = json(p.inputs!.policy);
                    const outside = doc.Statement.find((s: any) => s.Sid === "DenyMessagesOutsideSqsEndpoint");
                    assert.deepStrictEqual(outside.Condition.StringNotEquals["aws:SourceVpce"], [endpoint.id], p.urn);
                    assert.ok(doc.Statement.some((s: any) => s.Sid === "DenyInsecureTransport"), p.urn);
                    const s3 = doc.Statement.find((s: any) => s.Principal?.Service === "s3.amazonaws.com");
                    const fed = [queue("intake").id, queue("results").id].includes(p.inputs!.queueUrl as string);
                    assert.strictEqual(!!s3, fed, `${p.urn}: S3 statement only on the queues it notifies`);
                    if (s3) assert.deepStrictEqual([s3.Action, s3.Condition.ArnEquals["aws:SourceArn"], s3.Condition.StringEquals["aws:SourceAccount"]], ["sqs:SendMessage", dataBucket().outputs!.arn, "111122223333"]);
                }
            });

            it("notifies new uploads to the intake queue and this region's results to the results queue, after the queues admit S3 and the key exists", () => {
                const n = ofType("aws:s3/bucketNotification:BucketNotification");
                assert.strictEqual(n.length, 1);
                const i = n[0].inputs as any;
                assert.strictEqual(i.bucket, dataBucket().id);
                assert.deepStrictEqual(i.queues.map((q: any) => [q.queueArn, q.events, q.filterPrefix]), [
                    [queue("intake").outputs!.arn, ["s3:ObjectCreated:*"], "incoming/"],
                    [queue("results").outputs!.arn, ["s3:ObjectCreated:*"], `processed/${REGION[stack]}/`],
                ]);
                const policyOf = (q: ExportedResource) => ofType("aws:sqs/queuePolicy:QueuePolicy").find((p) => p.inputs?.queueUrl === q.id)!;
                for (const dep of [policyOf(queue("intake")).urn, policyOf(queue("results")).urn, queueKey().urn]) assert.ok(n[0].dependencies?.includes(dep), `waits for ${dep}`);
            });

            it("reaches SQS through an interface endpoint with private DNS (the VPC, and on-prem through the inbound resolver), scoped to our queues", () => {
                const e = sqsEndpoint();
                const i = e.inputs as any;
                assert.deepStrictEqual([i.vpcEndpointType, i.privateDnsEnabled, i.serviceName], ["Interface", true, `com.amazonaws.${REGION[stack]}.sqs`]);
                const endpointSg = ofType("aws:ec2/securityGroup:SecurityGroup").find((g) => String(g.inputs?.name ?? g.urn).includes("endpoints"))!;
                assert.deepStrictEqual(i.securityGroupIds, [endpointSg.id]);
                assert.ok((endpointSg.inputs as any).ingress.some((r: any) => r.fromPort === 443 && r.cidrBlocks.includes("172.16.0.0/12")), "on-prem reaches it on 443 over the VPN");
                const [s] = json(i.policy).Statement;
                assert.deepStrictEqual([s.Resource, s.Condition.StringEquals["aws:PrincipalAccount"]], [`arn:aws:sqs:${REGION[stack]}:111122223333:spot-grid-*`, "111122223333"]);
                assert.ok(ofType("aws:route53/resolverEndpoint:ResolverEndpoint").length === 1, "the inbound resolver on-prem forwards sqs.<region>.amazonaws.com to");
                assert.strictEqual(outputs().interfaceEndpointDnsNames.sqs.endsWith(`.sqs.${REGION[stack]}.vpce.amazonaws.com`), true);
            });

            it("scales the workers on the job backlog per in-service worker, next to the session schedule", () => {
                const policy = ofType("aws:autoscaling/policy:Policy");
                assert.strictEqual(policy.length, 1);
                const metrics = (policy[0].inputs as any).targetTrackingConfiguration.customizedMetricSpecification.metrics;
                assert.strictEqual(metrics[0].metricStat.metric.dimensions[0].value, queue("jobs").inputs!.name);
                assert.strictEqual(metrics[1].metricStat.metric.dimensions[0].value, ofType("aws:autoscaling/group:Group")[0].inputs!.name);
                for (const s of ofType("aws:autoscaling/schedule:Schedule")) assert.strictEqual((s.inputs as any).desiredCapacity, -1, `${s.urn} leaves desired capacity to the policy`);
            });

            it("alarms the operations topic when a dead-letter queue holds a message", () => {
                const topic = outputs().operationsTopicArn;
                const alarms = ofType("aws:cloudwatch/metricAlarm:MetricAlarm").filter((a) => String(a.urn).endsWith("-dlq-not-empty"));
                assert.deepStrictEqual(alarms.map((a) => (a.inputs as any).dimensions.QueueName).sort(), ["intake", "jobs", "results"].map((p) => `spot-grid-${stack}-${p}-dlq`));
                for (const a of alarms) assert.deepStrictEqual([(a.inputs as any).alarmActions, (a.inputs as any).threshold], [[topic], 0]);
            });

            it("creates the on-prem roles with trust in their configured principal only; grants the writers and the validator only in the primary", () => {
                const region = REGION[stack];
                const trust = (name: string) => json(byName("aws:iam/role:Role", name).inputs!.assumeRolePolicy).Statement.map((s: any) => s.Principal.AWS);
                assert.deepStrictEqual(trust(`spot-grid-job-submitter-${region}`), ["arn:aws:iam::444455556666:role/onprem-job-submitter"]);
                assert.deepStrictEqual(trust(`spot-grid-results-reader-${region}`), ["arn:aws:iam::444455556666:role/onprem-results-reader"]);
                assert.deepStrictEqual(trust(`spot-grid-uploader-${region}`), ["arn:aws:iam::444455556666:role/onprem-daily-upload"]);
                assert.deepStrictEqual(trust(`spot-grid-reference-publisher-${region}`), ["arn:aws:iam::444455556666:role/onprem-reference-publisher"]);
                const policies = ofType("aws:iam/rolePolicy:RolePolicy").map((p) => String(p.urn).split("::").pop());
                const primaryOnly = [`${stack}-uploader-policy`, `${stack}-publisher-policy`, `${stack}-flow-validator`];
                for (const p of primaryOnly) assert.strictEqual(policies.includes(p), stack === PRIMARY, `${p} in ${stack}`);
                for (const p of [`${stack}-job-submitter-submit-jobs`, `${stack}-results-reader-read-results`, `${stack}-flow-workers-jobs`]) assert.ok(policies.includes(p), `${p} in ${stack}`);
                assert.strictEqual(outputs().isPrimary, stack === PRIMARY);
            });

            it("publishes the queue URLs and ARNs, the roles and the queue key as stack outputs", () => {
                const o = outputs();
                assert.strictEqual(o.jobQueueUrl, `https://sqs.${REGION[stack]}.amazonaws.com/111122223333/spot-grid-${stack}-jobs`);
                for (const k of ["intakeQueueUrl", "intakeQueueArn", "jobQueueArn", "resultsQueueUrl", "resultsQueueArn", "queueKeyArn", "jobSubmitterRoleArn", "resultsReaderRoleArn", "referencePublisherRoleArn", "uploaderRoleArn"]) {
                    assert.ok(typeof o[k] === "string" && o[k].length > 0, k);
                }
                assert.deepStrictEqual(Object.keys(o.deadLetterQueueArns).sort(), ["intake", "jobs", "results"]);
            });
        });
    }
});
