/**
 * Operators keep control of the queues they deploy (docs/identity.md, rule 1), proven with the IAM
 * simulator on EVERY queue policy of all three real plans: each operator (stack output
 * `operatorRoleArns`), calling from outside the VPC with broad IAM allows, may make every call the
 * provider's create, read and update of a queue make, and is denied its messages; the queue key
 * is covered with the other keys by tests/components/storage/operator-access.test.ts.
 */
import * as assert from "assert";
import { PROVIDER_QUEUE_READ_ACTIONS, PROVIDER_QUEUE_WRITE_ACTIONS } from "../../../components/lib/operators";
import { SQS_MESSAGE_ACTIONS } from "../../../components/flow/queue-policies";
import type { PolicyDocument } from "../../../components/lib/policy-document";
import { actionsThatSupportResourceScope } from "../../../policies/lib/iam-actions";
import { planExports } from "../../helpers/plan-exports";
import { decide } from "../storage/iam-sim";

const BROAD: PolicyDocument = { Version: "2012-10-17", Statement: [{ Sid: "Sqs", Effect: "Allow", Action: "sqs:*", Resource: "*" }] };

describe("operators keep the management plane of every queue of the real plans, and none of its messages (IAM simulator)", function () {
    this.timeout(600_000);
    let targets: { stack: string; operators: string[]; queues: { name: string; arn: string; policy: PolicyDocument }[] }[] = [];
    before(async () => {
        const plan = await planExports();
        targets = plan.stacks.map((stack) => {
            const resources = plan.exports[stack].deployment.resources;
            const root = resources.find((r) => r.type === "pulumi:pulumi:Stack")!;
            const queues = resources.filter((r) => r.type === "aws:sqs/queue:Queue").map((q) => {
                const policy = resources.find((p) => p.type === "aws:sqs/queuePolicy:QueuePolicy" && p.inputs?.queueUrl === q.id)!;
                return { name: String(q.inputs!.name), arn: String(q.outputs!.arn), policy: JSON.parse(String(policy.inputs!.policy)) };
            });
            return { stack, operators: (root.outputs?.operatorRoleArns ?? []) as string[], queues };
        });
    });

    it("the provider's queue actions are real IAM actions", async () => {
        assert.deepStrictEqual((await actionsThatSupportResourceScope([...PROVIDER_QUEUE_READ_ACTIONS, ...PROVIDER_QUEUE_WRITE_ACTIONS, ...SQS_MESSAGE_ACTIONS])).unknown, []);
    });

    it("every stack has six queues with policies and three operators", () => {
        for (const t of targets) {
            assert.strictEqual(t.queues.length, 6, t.stack);
            assert.strictEqual(t.operators.length, 3, t.stack);
        }
    });

    it("from outside the VPC each operator may read every queue, the deployer also create, update and delete it; no operator touches messages", async () => {
        for (const t of targets) {
            for (const q of t.queues) {
                for (const op of t.operators) {
                    const manage = op.endsWith("/spot-grid-deployer") ? [...PROVIDER_QUEUE_READ_ACTIONS, ...PROVIDER_QUEUE_WRITE_ACTIONS] : [...PROVIDER_QUEUE_READ_ACTIONS];
                    for (const action of manage) {
                        const d = await decide({ principal: op, action, resource: q.arn, accountId: "111122223333", identityPolicies: [BROAD], resourcePolicy: q.policy });
                        assert.strictEqual(d, "Allowed", `${t.stack} ${q.name}: ${op} ${action}`);
                    }
                    for (const action of SQS_MESSAGE_ACTIONS) {
                        const d = await decide({ principal: op, action, resource: q.arn, accountId: "111122223333", identityPolicies: [BROAD], resourcePolicy: q.policy });
                        assert.strictEqual(d, "ExplicitlyDenied", `${t.stack} ${q.name}: ${op} ${action}`);
                    }
                }
            }
        }
    });
});
