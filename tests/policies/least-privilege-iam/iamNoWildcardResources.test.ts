import * as assert from "assert";
import { iamNoWildcardResources } from "../../../policies/least-privilege-iam/iamNoWildcardResources";
import { UNKNOWN, UnknownValueError } from "../../../policies/lib/resource-props";
import { assertHasViolation, assertNoViolations, runResourcePolicy } from "../../helpers/policy";
import { doc, role, rolePolicy, S3_READ } from "./fixtures";

const onAny = (Action: unknown) => rolePolicy(doc({ Effect: "Allow", Action, Resource: "*" }));

describe("least-privilege-iam/iam-no-wildcard-resources", () => {
    it("passes named resources", async () => {
        assertNoViolations(await runResourcePolicy(iamNoWildcardResources, rolePolicy(doc(S3_READ))));
    });
    it("passes actions with no resource-level permissions on \"*\" (ec2:DescribeInstances, sts:GetCallerIdentity)", async () => {
        assertNoViolations(await runResourcePolicy(iamNoWildcardResources, onAny(["ec2:DescribeInstances", "sts:GetCallerIdentity"])));
    });
    it("fires on s3:GetObject on \"*\", naming the action", async () => {
        const run = await runResourcePolicy(iamNoWildcardResources, onAny(["ec2:DescribeInstances", "s3:GetObject"]));
        assertHasViolation(run, /'workers-s3'.*allows s3:GetObject on Resource "\*"/);
        assert.ok(!/DescribeInstances/.test(run.violations[0].message), run.violations[0].message);
    });
    it("expands wildcard actions before judging them", async () => {
        assertHasViolation(await runResourcePolicy(iamNoWildcardResources, onAny("s3:Get*")), /s3:Get.* and \d+ more on Resource "\*"/);
        assertHasViolation(await runResourcePolicy(iamNoWildcardResources, onAny("*")), /allows "\*" on Resource "\*"/);
    });
    it("fires on NotResource and on NotAction", async () => {
        assertHasViolation(await runResourcePolicy(iamNoWildcardResources, rolePolicy(doc({ Effect: "Allow", Action: "s3:GetObject", NotResource: "arn:aws:s3:::secret/*" }))), /every resource but those in NotResource/);
        assertHasViolation(await runResourcePolicy(iamNoWildcardResources, rolePolicy(doc({ Effect: "Allow", NotAction: "s3:DeleteObject", Resource: "*" }))), /every action but those in NotAction/);
    });
    it("fires on actions AWS's data does not know", async () => {
        assertHasViolation(await runResourcePolicy(iamNoWildcardResources, onAny("ec2:DescribeInstancez")), /ec2:DescribeInstancez.*does not know/);
    });
    it("honours the allowedActionsOnAnyResource config", async () => {
        assertNoViolations(await runResourcePolicy(iamNoWildcardResources, onAny("s3:ListAllMyBuckets")));
        assertNoViolations(await runResourcePolicy(iamNoWildcardResources, onAny("s3:GetObject"), { allowedActionsOnAnyResource: ["s3:GetObject"] }));
    });
    it("allows cloudwatch:PutMetricData on \"*\" by default only (its one resource type is an optional OTLP dataset)", async () => {
        const defaults = { allowedActionsOnAnyResource: (iamNoWildcardResources.configSchema!.properties!.allowedActionsOnAnyResource as { default: string[] }).default };
        assertNoViolations(await runResourcePolicy(iamNoWildcardResources, onAny("cloudwatch:PutMetricData"), defaults));
        assertHasViolation(await runResourcePolicy(iamNoWildcardResources, onAny("cloudwatch:PutMetricData")), /cloudwatch:PutMetricData on Resource "\*"/);
        assertHasViolation(await runResourcePolicy(iamNoWildcardResources, onAny(["cloudwatch:PutMetricData", "s3:GetObject"]), defaults), /allows s3:GetObject on Resource "\*"/);
    });
    it("judges a role's inline policies and ignores its trust policy", async () => {
        assertNoViolations(await runResourcePolicy(iamNoWildcardResources, role()));
        assertHasViolation(await runResourcePolicy(iamNoWildcardResources, role({ inlinePolicies: [{ name: "s3", policy: doc({ Effect: "Allow", Action: "s3:PutObject", Resource: "*" }) }] })), /inlinePolicies\.0\.policy/);
    });
    it("raises UnknownValueError for a document unknown during preview", async () => {
        await assert.rejects(runResourcePolicy(iamNoWildcardResources, rolePolicy(UNKNOWN)), UnknownValueError);
    });
});
