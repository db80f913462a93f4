/**
 * Operators keep control of what they deploy, proven with the IAM simulator on EVERY bucket policy
 * and key policy of all three real plans (not on fixtures): each operator role of the stack (output
 * `operatorRoleArns`: deployer, preview, drift), calling from outside the VPC, is allowed every
 * action the AWS provider's create, read, update and refresh of that bucket or key call
 * (components/lib/operators.ts, the one list), and is denied object reads and writes from outside
 * the endpoints. The operators' identity policies are modelled as broad allows, so only the
 * resource policy can say no: exactly the lock-out the issue describes.
 */
import * as assert from "assert";
import {
    KEY_ADMIN_ACTIONS,
    PROVIDER_BUCKET_READ_ACTIONS,
    PROVIDER_BUCKET_WRITE_ACTIONS,
    PROVIDER_KEY_READ_ACTIONS,
    PROVIDER_KEY_WRITE_ACTIONS,
} from "../../../components/lib/operators";
import type { PolicyDocument } from "../../../components/lib/policy-document";
import { actionsThatSupportResourceScope } from "../../../policies/lib/iam-actions";
import type { ExportedResource } from "../../../policies/lib/stack-export";
import { planExports } from "../../helpers/plan-exports";
import { decide } from "./iam-sim";

const ACCOUNT = "111122223333";
const BROAD: PolicyDocument = {
    Version: "2012-10-17",
    Statement: [
        { Sid: "S3", Effect: "Allow", Action: "s3:*", Resource: ["arn:aws:s3:::*", "arn:aws:s3:::*/*"] },
        { Sid: "Kms", Effect: "Allow", Action: "kms:*", Resource: "*" },
    ],
};
const OUTSIDE = {}; // no aws:SourceVpce: a CI runner or a laptop

interface Target {
    readonly stack: string;
    readonly operators: string[];
    readonly buckets: { name: string; arn: string; policy: PolicyDocument }[];
    readonly keys: { name: string; arn: string; policy: PolicyDocument }[];
}

function collect(stack: string, resources: ExportedResource[]): Target {
    const root = resources.find((r) => r.type === "pulumi:pulumi:Stack")!;
    const operators = (root.outputs?.operatorRoleArns ?? []) as string[];
    const buckets = resources
        .filter((r) => r.type === "aws:s3/bucketPolicy:BucketPolicy")
        .map((r) => ({ name: r.urn.split("::").pop()!, arn: `arn:aws:s3:::${r.inputs!.bucket}`, policy: JSON.parse(String(r.inputs!.policy)) }));
    const keys = resources
        .filter((r) => r.type === "aws:kms/key:Key")
        .map((r) => ({ name: r.urn.split("::").pop()!, arn: String(r.outputs!.arn), policy: JSON.parse(String(r.inputs!.policy)) }));
    return { stack, operators, buckets, keys };
}

describe("operators keep control of every bucket and key of the real plans (IAM simulator)", function () {
    this.timeout(600_000);
    let targets: Target[] = [];
    before(async () => {
        const plan = await planExports();
        targets = plan.stacks.map((s) => collect(s, plan.exports[s].deployment.resources));
    });

    it("the provider's action lists are real IAM actions, in one place", async () => {
        const all = [...PROVIDER_BUCKET_READ_ACTIONS, ...PROVIDER_BUCKET_WRITE_ACTIONS, ...PROVIDER_KEY_READ_ACTIONS, ...PROVIDER_KEY_WRITE_ACTIONS];
        assert.deepStrictEqual((await actionsThatSupportResourceScope(all)).unknown, []);
        for (const a of [...PROVIDER_KEY_READ_ACTIONS, ...PROVIDER_KEY_WRITE_ACTIONS]) assert.ok(KEY_ADMIN_ACTIONS.includes(a), `${a} is not a key admin action`);
    });

    it("every stack has operators, buckets and keys to check", () => {
        assert.deepStrictEqual(targets.map((t) => t.stack).sort(), ["hyderabad", "mumbai", "ohio"]);
        for (const t of targets) {
            assert.strictEqual(t.operators.length, 3, `${t.stack}: deployer, preview and drift (${t.operators.join(", ")})`);
            assert.strictEqual(t.buckets.length, 3, `${t.stack}: data, access-log and log-archive bucket policies`);
            assert.ok(t.keys.length >= 5, `${t.stack}: data, EBS, telemetry, flow-log and operations keys`);
        }
    });

    it("from outside the VPC, each operator may make every call the provider's read/refresh makes on each bucket; the deployer also its writes", async () => {
        for (const t of targets) {
            for (const b of t.buckets) {
                for (const op of t.operators) {
                    const actions = op.endsWith("/spot-grid-deployer") ? [...PROVIDER_BUCKET_READ_ACTIONS, ...PROVIDER_BUCKET_WRITE_ACTIONS] : [...PROVIDER_BUCKET_READ_ACTIONS];
                    for (const action of actions) {
                        const d = await decide({ principal: op, action, resource: b.arn, accountId: ACCOUNT, context: OUTSIDE, identityPolicies: [BROAD], resourcePolicy: b.policy });
                        assert.strictEqual(d, "Allowed", `${t.stack} ${b.name}: ${op} ${action}`);
                    }
                }
            }
        }
    });

    it("the same operators are denied object reads and writes from outside the endpoints", async () => {
        for (const t of targets) {
            for (const b of t.buckets) {
                for (const op of t.operators) {
                    for (const action of ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:GetObjectVersion"]) {
                        const d = await decide({ principal: op, action, resource: `${b.arn}/raw/2026/01/02/trades.parquet`, accountId: ACCOUNT, context: OUTSIDE, identityPolicies: [BROAD], resourcePolicy: b.policy });
                        assert.strictEqual(d, "ExplicitlyDenied", `${t.stack} ${b.name}: ${op} ${action}`);
                    }
                }
            }
        }
    });

    it("anyone who is not an operator is denied the management plane from outside the endpoints", async () => {
        for (const t of targets) {
            for (const b of t.buckets) {
                const d = await decide({ principal: `arn:aws:iam::${ACCOUNT}:role/analytics-team`, action: "s3:GetBucketPolicy", resource: b.arn, accountId: ACCOUNT, context: OUTSIDE, identityPolicies: [BROAD], resourcePolicy: b.policy });
                assert.strictEqual(d, "ExplicitlyDenied", `${t.stack} ${b.name}`);
            }
        }
    });

    it("each operator may make every call the provider makes on each key; none may use a key to read data", async () => {
        for (const t of targets) {
            for (const k of t.keys) {
                for (const op of t.operators) {
                    const actions = op.endsWith("/spot-grid-deployer") ? [...PROVIDER_KEY_READ_ACTIONS, ...PROVIDER_KEY_WRITE_ACTIONS] : [...PROVIDER_KEY_READ_ACTIONS];
                    for (const action of actions) {
                        const d = await decide({ principal: op, action, resource: k.arn, accountId: ACCOUNT, context: { "kms:CallerAccount": ACCOUNT }, identityPolicies: [BROAD], resourcePolicy: k.policy });
                        assert.strictEqual(d, "Allowed", `${t.stack} ${k.name}: ${op} ${action}`);
                    }
                    const decrypt = await decide({ principal: op, action: "kms:Decrypt", resource: k.arn, accountId: ACCOUNT, context: { "kms:CallerAccount": ACCOUNT }, identityPolicies: [BROAD], resourcePolicy: k.policy });
                    assert.notStrictEqual(decrypt, "Allowed", `${t.stack} ${k.name}: ${op} kms:Decrypt`);
                }
            }
        }
    });
});
