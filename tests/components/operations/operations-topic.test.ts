/**
 * The operations topic: every alarm's destination. Under the offline engine (resources, wiring,
 * protection) and through the IAM simulator (only this account's alarms and this stack's rules
 * publish, and only they may use its key).
 */
import * as assert from "assert";
import { runSimulation } from "@cloud-copilot/iam-simulate";
import { keyStateEventPattern, OperationsTopic, validateSubscriptions } from "../../../components/operations/operations-topic";
import { operationsKeyPolicy, operationsTopicPolicy } from "../../../components/operations/policies";
import { subscriptionKey } from "../../../components/operations/subscriptions";
import { named, ofType, OfflineEngine, setupMocks } from "../../helpers/mocks";

const ctx = { partition: "aws", region: "ap-south-1", accountId: "111122223333" };
const TOPIC = "arn:aws:sns:ap-south-1:111122223333:spot-grid-mumbai-operations";
const KEY = "arn:aws:kms:ap-south-1:111122223333:key/5555eeee-5555-4555-8555-555555555555";
const json = (v: unknown) => JSON.parse(String(v));

async function asService(service: string, action: string, resource: string, policy: object, context: Record<string, string>): Promise<string> {
    const r = await runSimulation(
        {
            identityPolicies: [],
            serviceControlPolicies: [],
            resourceControlPolicies: [],
            resourcePolicy: policy as never,
            request: { action, principal: service, resource: { resource, accountId: "111122223333" }, contextVariables: context },
        },
        {},
    );
    if (r.resultType === "error") throw new Error(JSON.stringify(r.errors));
    return r.overallResult;
}

describe("components/operations: the operations topic", () => {
    let engine: OfflineEngine;
    before(async () => {
        engine = await setupMocks({ stack: "mumbai", region: "ap-south-1" });
        const ops = new OperationsTopic("mumbai-operations", {
            stack: "mumbai",
            ctx,
            subscriptions: [
                { protocol: "email", endpoint: "grid-oncall@example.com" },
                { protocol: "sqs", endpoint: "arn:aws:sqs:ap-south-1:111122223333:chat-relay" },
            ],
        });
        ops.watchKeys([KEY]);
        await engine.settle();
    });

    it("encrypts the topic with its own rotating, protected key", () => {
        const key = named(engine, "aws:kms/key:Key", "mumbai-operations-key");
        assert.deepStrictEqual([key.protect, key.retainOnDelete, (key.inputs as any).enableKeyRotation], [true, true, true]);
        const topic = named(engine, "aws:sns/topic:Topic", "mumbai-operations-topic").inputs as any;
        assert.strictEqual(topic.name, "spot-grid-mumbai-operations");
        assert.strictEqual(topic.kmsMasterKeyId, (key.outputs as any).arn);
    });
    it("subscribes every configured endpoint, named by endpoint (not position)", () => {
        const subs = ofType(engine, "aws:sns/topicSubscription:TopicSubscription").map((s) => [s.name, (s.inputs as any).protocol, (s.inputs as any).endpoint]);
        assert.deepStrictEqual(subs, [
            ["mumbai-operations-email-grid-oncall-example-com", "email", "grid-oncall@example.com"],
            ["mumbai-operations-sqs-arn-aws-sqs-ap-south-1-111122223333-chat", "sqs", "arn:aws:sqs:ap-south-1:111122223333:chat-relay"],
        ]);
    });
    it("alarms on the watched keys being disabled or scheduled for deletion (CloudTrail via EventBridge)", () => {
        const rule = named(engine, "aws:cloudwatch/eventRule:EventRule", "mumbai-operations-key-state").inputs as any;
        assert.strictEqual(rule.name, "spot-grid-mumbai-key-state");
        assert.deepStrictEqual(json(rule.eventPattern), json(keyStateEventPattern([KEY])));
        assert.deepStrictEqual(json(rule.eventPattern).detail.eventName, ["DisableKey", "ScheduleKeyDeletion"]);
        const target = named(engine, "aws:cloudwatch/eventTarget:EventTarget", "mumbai-operations-key-state-sns").inputs as any;
        assert.strictEqual(target.arn, (named(engine, "aws:sns/topic:Topic", "mumbai-operations-topic").outputs as any).arn);
    });
    it("refuses bad subscriptions before creating anything", () => {
        assert.deepStrictEqual(validateSubscriptions([{ protocol: "email", endpoint: "x@example.com" }]), []);
        assert.match(validateSubscriptions([{ protocol: "https", endpoint: "http://x" }]).join(), /subscriptions\[0\] endpoint "http:\/\/x" is not an https:\/\/ URL/);
        assert.match(validateSubscriptions([{ protocol: "email", endpoint: "a@b.co" }, { protocol: "email", endpoint: "a@b.co" }]).join(), /subscriptions\[1\] repeats email a@b\.co/);
        assert.strictEqual(subscriptionKey({ protocol: "https", endpoint: "https://Events.Example.com/x?y=1" }), "https-events-example-com-x-y-1");
    });
});

describe("components/operations: who may publish (IAM simulator)", () => {
    const topicPolicy = operationsTopicPolicy(ctx, "mumbai", TOPIC);
    const keyPolicy = operationsKeyPolicy(ctx, "mumbai");
    const alarm = "arn:aws:cloudwatch:ap-south-1:111122223333:alarm:mumbai-workers-capacity";
    const rule = "arn:aws:events:ap-south-1:111122223333:rule/spot-grid-mumbai-key-state";

    it("our alarms and our rules publish, on behalf of this account only", async () => {
        assert.strictEqual(await asService("cloudwatch.amazonaws.com", "sns:Publish", TOPIC, topicPolicy, { "aws:SourceAccount": "111122223333", "aws:SourceArn": alarm }), "Allowed");
        assert.strictEqual(await asService("events.amazonaws.com", "sns:Publish", TOPIC, topicPolicy, { "aws:SourceAccount": "111122223333", "aws:SourceArn": rule }), "Allowed");
        assert.notStrictEqual(await asService("cloudwatch.amazonaws.com", "sns:Publish", TOPIC, topicPolicy, { "aws:SourceAccount": "444455556666", "aws:SourceArn": "arn:aws:cloudwatch:ap-south-1:444455556666:alarm:x" }), "Allowed");
        assert.notStrictEqual(await asService("events.amazonaws.com", "sns:Publish", TOPIC, topicPolicy, { "aws:SourceAccount": "111122223333", "aws:SourceArn": "arn:aws:events:ap-south-1:111122223333:rule/someone-elses-rule" }), "Allowed");
        assert.notStrictEqual(await asService("s3.amazonaws.com", "sns:Publish", TOPIC, topicPolicy, { "aws:SourceAccount": "111122223333" }), "Allowed");
    });
    it("the same publishers may use the key, nobody else", async () => {
        assert.strictEqual(await asService("cloudwatch.amazonaws.com", "kms:GenerateDataKey", KEY, keyPolicy, { "aws:SourceAccount": "111122223333", "aws:SourceArn": alarm }), "Allowed");
        assert.strictEqual(await asService("events.amazonaws.com", "kms:Decrypt", KEY, keyPolicy, { "aws:SourceAccount": "111122223333", "aws:SourceArn": rule }), "Allowed");
        assert.notStrictEqual(await asService("events.amazonaws.com", "kms:Decrypt", KEY, keyPolicy, { "aws:SourceAccount": "444455556666", "aws:SourceArn": "arn:aws:events:ap-south-1:444455556666:rule/spot-grid-mumbai-x" }), "Allowed");
        assert.notStrictEqual(await asService("sns.amazonaws.com", "kms:Decrypt", KEY, keyPolicy, { "aws:SourceAccount": "111122223333" }), "Allowed");
    });
});
