/**
 * The offline engine's preview mode behaves like `pulumi preview` of a new stack: ids and every
 * output the provider computes are unknown, inputs built from them are unknown, and the export
 * holds the engine's unknown sentinel where the preview's analyzer meets an unknown. The same
 * program planned without preview is known throughout, so each assertion fails if preview mode
 * is ignored.
 */
import * as assert from "assert";
import * as path from "path";
import type { ExportedResource, StackExport } from "../../../policies/lib/stack-export";
import { AwsRules, UNKNOWN } from "../../../tools/offline/aws-emulation";
import { evaluateStack } from "../../../tools/offline/run-stack";
import { tempDir } from "../../helpers/temp";

const PROGRAM = path.resolve(__dirname, "../../fixtures/programs/preview");
const PEER_ARN = "arn:aws:s3:::producer-replica";

function plan(preview: boolean): Promise<StackExport> {
    return evaluateStack({
        stack: "consumer", region: "ap-south-1", config: { "aws:region": "ap-south-1" }, stacksDir: tempDir("spot-grid-preview-"),
        program: PROGRAM, stackOutputs: { producer: { bucketArn: PEER_ARN } }, preview,
    });
}

const find = (doc: StackExport, type: string, name: string): ExportedResource => {
    const r = doc.deployment.resources.find((x) => x.type === type && x.urn.endsWith(`::${name}`));
    assert.ok(r, `no ${type} ${name}`);
    return r;
};
const QUEUE = "aws:sqs/queue:Queue";

describe("offline engine: preview mode (a new stack's pulumi preview)", function () {
    this.timeout(60_000);
    let preview: StackExport;
    let up: StackExport;
    before(async () => {
        preview = await plan(true);
        up = await plan(false);
    });

    it("gives created resources no id, and unknown ids, ARNs and other computed outputs", () => {
        const dlq = find(preview, QUEUE, "jobs-dlq");
        assert.strictEqual(dlq.id, undefined);
        assert.deepStrictEqual([dlq.outputs!.arn, dlq.outputs!.url, dlq.outputs!.id], [UNKNOWN, UNKNOWN, UNKNOWN]);
        const bucket = find(preview, "aws:s3/bucket:Bucket", "data");
        assert.strictEqual(bucket.outputs!.arn, UNKNOWN);
        assert.strictEqual(find(up, QUEUE, "jobs-dlq").outputs!.arn, "arn:aws:sqs:ap-south-1:111122223333:jobs-dlq");
        assert.match(String(find(up, QUEUE, "jobs-dlq").id), /^https:\/\/sqs\./);
    });

    it("keeps known inputs known (names, flags) and merges the default tags into tagsAll", () => {
        const jobs = find(preview, QUEUE, "jobs");
        assert.strictEqual(jobs.outputs!.name, "jobs");
        assert.strictEqual(find(preview, "aws:s3/bucket:Bucket", "data").outputs!.bucket, "preview-data");
        assert.strictEqual(find(preview, "aws:kms/key:Key", "key").inputs!.enableKeyRotation, true);
        assert.deepStrictEqual(jobs.outputs!.tagsAll, { project: "spot-grid", tier: "work" });
    });

    it("makes inputs built from unknown outputs unknown, with the dependency recorded (the redrive policy the e2e caught)", () => {
        const jobs = find(preview, QUEUE, "jobs");
        const dlq = find(preview, QUEUE, "jobs-dlq");
        assert.strictEqual(jobs.inputs!.redrivePolicy, UNKNOWN);
        assert.strictEqual(jobs.outputs!.redrivePolicy, UNKNOWN);
        assert.strictEqual(jobs.inputs!.kmsMasterKeyId, UNKNOWN);
        assert.deepStrictEqual(jobs.propertyDependencies!.redrivePolicy, [dlq.urn]);
        // An invoke whose arguments are unknown is not called: its result is unknown too.
        assert.strictEqual(find(preview, "aws:iam/policy:Policy", "read").inputs!.policy, UNKNOWN);
        assert.match(String(find(up, QUEUE, "jobs").inputs!.redrivePolicy), /"deadLetterTargetArn":"arn:aws:sqs:ap-south-1:111122223333:jobs-dlq"/);
        assert.match(String(find(up, "aws:iam/policy:Policy", "read").inputs!.policy), /arn:aws:s3:::preview-data\/\*/);
    });

    it("gives new providers the unknown id, as the engine does, so provider references end in it", () => {
        const key = find(preview, "aws:kms/key:Key", "key");
        assert.ok(key.provider?.endsWith(`::${UNKNOWN}`), key.provider);
        assert.strictEqual(find(preview, "pulumi:providers:aws", "regional").id, undefined);
        assert.ok(!find(up, "aws:kms/key:Key", "key").provider?.endsWith(`::${UNKNOWN}`));
    });

    it("runs no apply on an unknown value (a resource made there is not in the preview), but answers invokes and reads with known arguments", () => {
        assert.ok(!preview.deployment.resources.some((r) => r.urn.endsWith("::made-in-apply")));
        assert.ok(up.deployment.resources.some((r) => r.urn.endsWith("::made-in-apply")));
        const stack = find(preview, "pulumi:pulumi:Stack", "spot-grid-consumer");
        assert.deepStrictEqual(stack.outputs, { accountId: "111122223333", bucketName: "preview-data", jobQueueArn: UNKNOWN, peerArn: PEER_ARN });
        const ref = find(preview, "pulumi:pulumi:StackReference", "organization/spot-grid/producer");
        assert.strictEqual(ref.id, "organization/spot-grid/producer");
    });
});

describe("AWS rules: a preview's Create and Update", () => {
    const rules = new AwsRules({ stack: "mumbai", region: "ap-south-1" });

    it("Create: the checked inputs, every output the provider adds unknown, tagsAll known unless the tags are unknown", () => {
        const created = rules.create("aws:ec2/vpc:Vpc", "main", { cidrBlock: "10.20.0.0/16" }).outputs;
        const previewed = rules.previewCreate("aws:ec2/vpc:Vpc", "main", { cidrBlock: "10.20.0.0/16", tags: { Name: "main" } }, { defaultTags: { owner: "grid" } });
        for (const k of Object.keys(created).filter((k) => k !== "cidrBlock" && k !== "tagsAll")) assert.strictEqual(previewed[k], UNKNOWN, k);
        assert.strictEqual(previewed.cidrBlock, "10.20.0.0/16");
        assert.deepStrictEqual(previewed.tagsAll, { owner: "grid", Name: "main" });
        assert.strictEqual(rules.previewCreate("aws:ec2/vpc:Vpc", "main", { tags: { Name: UNKNOWN } }).tagsAll, UNKNOWN);
        // Auto-naming happens in Check, before the preview: the physical name is known.
        assert.match(String(rules.previewCreate("aws:iam/role:Role", "workers", {}).name), /^workers-[0-9a-f]{7}$/);
    });

    it("Update: the new inputs over the outputs the provider computed before", () => {
        const olds = rules.create("aws:sqs/queue:Queue", "jobs", { name: "jobs", visibilityTimeoutSeconds: 30 }).outputs;
        const updated = rules.previewUpdate("aws:sqs/queue:Queue", "jobs", olds, { name: "jobs", visibilityTimeoutSeconds: 30 }, { name: "jobs", visibilityTimeoutSeconds: 60 });
        assert.deepStrictEqual([updated.arn, updated.url, updated.visibilityTimeoutSeconds], [olds.arn, olds.url, 60]);
    });
});
