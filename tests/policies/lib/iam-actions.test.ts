import * as assert from "assert";
import {
    actionsThatSupportResourceScope,
    expandActionPattern,
    isServiceWideWildcard,
    lookupAction,
} from "../../../policies/lib/iam-actions";

describe("policies/lib/iam-actions", () => {
    it("looks actions up case-insensitively and says whether they are wildcard-only", async () => {
        const describe = await lookupAction("EC2:describeinstances");
        assert.ok(describe.kind === "known" && describe.info.wildcardOnly && describe.info.action === "ec2:DescribeInstances");
        const caller = await lookupAction("sts:GetCallerIdentity");
        assert.ok(caller.kind === "known" && caller.info.wildcardOnly);
        const get = await lookupAction("s3:GetObject");
        assert.ok(get.kind === "known" && !get.info.wildcardOnly);
        const pass = await lookupAction("iam:PassRole");
        assert.ok(pass.kind === "known" && !pass.info.wildcardOnly);
    });

    it("reports unknown services, unknown actions and malformed names", async () => {
        assert.strictEqual((await lookupAction("nosuchsvc:Get")).kind, "unknown-service");
        assert.strictEqual((await lookupAction("s3:GetObjekt")).kind, "unknown-action");
        assert.strictEqual((await lookupAction("s3GetObject")).kind, "malformed");
        assert.strictEqual((await expandActionPattern("nosuchsvc:*")).kind, "unknown-service");
    });

    it("expands s3:Get* to the s3 Get actions only", async () => {
        const e = await expandActionPattern("s3:Get*");
        assert.strictEqual(e.kind, "actions");
        if (e.kind !== "actions") return;
        const names = e.actions.map((a) => a.action);
        assert.ok(names.includes("s3:GetObject") && names.includes("s3:GetBucketPolicy"));
        assert.ok(names.every((n) => n.startsWith("s3:Get")), names.join(","));
        assert.ok(!names.includes("s3:PutObject"));
    });

    it("expands ? and treats * and wildcard services as everything", async () => {
        const q = await expandActionPattern("ec2:DescribeInstance?");
        assert.ok(q.kind === "actions" && q.actions.map((a) => a.action).includes("ec2:DescribeInstances"));
        assert.strictEqual((await expandActionPattern("*")).kind, "all");
        assert.strictEqual((await expandActionPattern("s*:GetObject")).kind, "all");
    });

    it("tells service-wide wildcards from partial ones", () => {
        for (const a of ["*", "s3:*", "ec2:**", "*:*"]) assert.ok(isServiceWideWildcard(a), a);
        for (const a of ["s3:Get*", "s3:GetObject", "ec2:Describe*"]) assert.ok(!isServiceWideWildcard(a), a);
    });

    it("finds the scopable actions behind Resource \"*\"", async () => {
        const ok = await actionsThatSupportResourceScope(["ec2:DescribeInstances", "sts:GetCallerIdentity"]);
        assert.deepStrictEqual(ok.scopable, []);
        assert.deepStrictEqual(ok.unknown, []);
        const bad = await actionsThatSupportResourceScope(["s3:GetObject", "ec2:DescribeInstances", "s3:Nope"]);
        assert.deepStrictEqual(bad.scopable, ["s3:GetObject"]);
        assert.deepStrictEqual(bad.unknown, ["s3:Nope"]);
        assert.ok((await actionsThatSupportResourceScope(["*"])).everything);
    });
});
