import * as assert from "assert";
import * as fc from "fast-check";
import {
    DEFAULT_INTERFACE_ENDPOINTS,
    endpointServiceName,
    INTERFACE_ENDPOINT_CATALOGUE,
    validateInterfaceEndpoints,
} from "../../../components/network/endpoint-catalogue";
import { PolicyDocument, s3EndpointPolicy, serviceEndpointPolicy, validateExtraBucketArns } from "../../../components/network/endpoint-policies";
import { decide } from "../storage/iam-sim";
import { flowLogDeliveryPolicy, flowLogKeyPolicy, flowLogTrustPolicy, validateFlowLogRetentionDays } from "../../../components/network/flow-log-policies";
import { logGroupArn } from "../../../components/lib/policy-document";

const ACCOUNT = "111122223333";
const facts = { accountId: ACCOUNT, partition: "aws", region: "ap-south-1" };
const ALLOW_ALL_S3: PolicyDocument = { Version: "2012-10-17", Statement: [{ Sid: "AnyS3", Effect: "Allow", Action: "s3:*", Resource: "*" }] };
/** Stands in for the bucket policy of an AWS-owned public bucket: anyone may read its objects. */
/** The (unknown to us) account that owns AWS's agent and repository buckets. */
const AWS_BUCKETS = "999999999999";
const PUBLIC_READ: PolicyDocument = { Version: "2012-10-17", Statement: [{ Sid: "PublicRead", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "*" }] };
const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** The one statement allowed to go without a principal condition: reads of AWS-owned agent and repository objects. */
const AWS_OWNED = "AwsOwnedAgentAndRepoBucketsReadOnly";

/** Every Allow with Principal "*" must carry a condition that pins our account (except reads of AWS's own buckets). */
function assertScopedToAccount(doc: PolicyDocument): void {
    for (const s of doc.Statement) {
        if (s.Effect !== "Allow" || s.Principal !== "*" || s.Sid === AWS_OWNED) continue;
        const equals = s.Condition?.StringEquals ?? {};
        assert.strictEqual(equals["aws:PrincipalAccount"], ACCOUNT, `statement ${s.Sid} is open to any account`);
        assert.ok(!list(s.Action).includes("*"), `statement ${s.Sid} allows every action`);
    }
}

describe("components/network/endpoint-catalogue", () => {
    it("the default set is what issue 3 names, and SQS for the work flow (issue 11)", () => {
        assert.deepStrictEqual([...DEFAULT_INTERFACE_ENDPOINTS].sort(), ["autoscaling", "ec2", "ec2messages", "kms", "logs", "monitoring", "sqs", "ssm", "ssmmessages", "sts"]);
        for (const s of DEFAULT_INTERFACE_ENDPOINTS) assert.ok(INTERFACE_ENDPOINT_CATALOGUE.has(s), s);
    });
    it("monitoring is CloudWatch's endpoint, scoped to cloudwatch actions", () => {
        assert.strictEqual(INTERFACE_ENDPOINT_CATALOGUE.get("monitoring")!.iamPrefix, "cloudwatch");
    });
    it("service names follow com.amazonaws.<region>.<service>", () => {
        assert.strictEqual(endpointServiceName("us-east-2", "ecr.dkr"), "com.amazonaws.us-east-2.ecr.dkr");
    });
    const bad: [string[], RegExp][] = [
        [["ssm", "ssm-messages"], /^interfaceEndpoints\[1\] "ssm-messages" is not a known service; use one of ec2, ssm/],
        [["s3"], /^interfaceEndpoints\[0\] "s3" is always built/],
        [["kms", "kms"], /^interfaceEndpoints\[1\] "kms" is listed twice/],
    ];
    for (const [input, message] of bad) it(`rejects ${JSON.stringify(input)}`, () => assert.match(validateInterfaceEndpoints(input) ?? "", message));
    it("accepts the default set and the empty set", () => {
        assert.strictEqual(validateInterfaceEndpoints(DEFAULT_INTERFACE_ENDPOINTS), undefined);
        assert.strictEqual(validateInterfaceEndpoints([]), undefined);
    });
});

describe("components/network/endpoint-policies", () => {
    describe("S3", () => {
        const doc = s3EndpointPolicy({ ...facts, ownBucketNamePrefix: "spot-grid-", extraBucketArns: ["arn:aws:s3:::vendor-feed"] });
        const own = doc.Statement.find((s) => s.Sid === "OwnBuckets")!;

        it("reaches our buckets only when this account owns them", () => {
            assert.deepStrictEqual(own.Resource, ["arn:aws:s3:::spot-grid-*", "arn:aws:s3:::spot-grid-*/*"]);
            assert.deepStrictEqual(own.Condition, { StringEquals: { "aws:PrincipalAccount": ACCOUNT, "aws:ResourceAccount": ACCOUNT } });
        });
        it("allows data actions, never bucket administration or s3:*", () => {
            const actions = list(own.Action);
            assert.ok(actions.includes("s3:PutObject") && actions.includes("s3:GetObject"));
            for (const a of actions) assert.doesNotMatch(a, /\*|PutBucketPolicy|PutBucketAcl|DeleteBucket$/);
        });
        it("adds the extra buckets with their objects", () => {
            assert.deepStrictEqual(doc.Statement.find((s) => s.Sid === "ExtraBuckets")!.Resource, ["arn:aws:s3:::vendor-feed", "arn:aws:s3:::vendor-feed/*"]);
        });
        it("lets the agents and dnf read AWS's own buckets read-only, without a principal condition, and can be turned off", () => {
            const owned = doc.Statement.find((s) => s.Sid === AWS_OWNED)!;
            assert.strictEqual(owned.Action, "s3:GetObject");
            // These reads carry no credentials: a principal condition would deny every one of them.
            assert.strictEqual(owned.Condition, undefined);
            const resources = list(owned.Resource);
            for (const bucket of [
                "amazon-ssm-ap-south-1",
                "ap-south-1-birdwatcher-prod",
                "patch-baseline-snapshot-ap-south-1",
                "amazoncloudwatch-agent-ap-south-1",
                "amazonlinux-2-repos-ap-south-1",
                "al2023-repos-ap-south-1-de612dc2",
            ]) {
                assert.ok(resources.includes(`arn:aws:s3:::${bucket}/*`), bucket);
            }
            for (const r of resources) assert.match(r, /\/\*$/, `${r}: objects only, never the bucket`);
            const off = s3EndpointPolicy({ ...facts, ownBucketNamePrefix: "spot-grid-", allowAwsOwnedBuckets: false });
            assert.deepStrictEqual(off.Statement.map((s) => s.Sid), ["OwnBuckets"]);
        });
        it("simulator: a caller of another account gets GetObject on AWS's agent buckets and nothing else", async () => {
            const foreign = "arn:aws:iam::444455556666:role/anyone";
            const ask = (action: string, resource: string, accountId: string) =>
                decide({ principal: foreign, action, resource, accountId, context: { "aws:ResourceAccount": accountId }, identityPolicies: [ALLOW_ALL_S3], resourcePolicy: accountId === AWS_BUCKETS ? PUBLIC_READ : undefined, endpointPolicies: [doc] });
            assert.strictEqual(await ask("s3:GetObject", "arn:aws:s3:::amazon-ssm-ap-south-1/latest/linux_amd64/amazon-ssm-agent.rpm", AWS_BUCKETS), "Allowed");
            assert.strictEqual(await ask("s3:GetObject", "arn:aws:s3:::al2023-repos-ap-south-1-de612dc2/core/mirrors/latest/x86_64/mirror.list", AWS_BUCKETS), "Allowed");
            assert.strictEqual(await ask("s3:PutObject", "arn:aws:s3:::amazon-ssm-ap-south-1/x", AWS_BUCKETS), "ImplicitlyDenied");
            assert.strictEqual(await ask("s3:GetObject", "arn:aws:s3:::attacker-drop/x", "444455556666"), "ImplicitlyDenied");
            assert.strictEqual(await ask("s3:GetObject", "arn:aws:s3:::spot-grid-mumbai-data/x", ACCOUNT), "ImplicitlyDenied");
        });
        it("simulator: our own roles still reach our buckets and AWS's agent buckets through the endpoint", async () => {
            const worker = `arn:aws:iam::${ACCOUNT}:role/spot-grid-mumbai-workers`;
            const ask = (action: string, resource: string, accountId: string) =>
                decide({ principal: worker, action, resource, accountId, context: { "aws:ResourceAccount": accountId }, identityPolicies: [ALLOW_ALL_S3], resourcePolicy: accountId === AWS_BUCKETS ? PUBLIC_READ : undefined, endpointPolicies: [doc] });
            assert.strictEqual(await ask("s3:PutObject", "arn:aws:s3:::spot-grid-mumbai-data/results/x", ACCOUNT), "Allowed");
            assert.strictEqual(await ask("s3:GetObject", "arn:aws:s3:::amazoncloudwatch-agent-ap-south-1/amazon_linux/amd64/latest/amazon-cloudwatch-agent.rpm", AWS_BUCKETS), "Allowed");
            assert.strictEqual(await ask("s3:PutObject", "arn:aws:s3:::spot-grid-lookalike/x", "444455556666"), "ImplicitlyDenied");
        });
        it("every statement pins our principals", () => assertScopedToAccount(doc));
        it("refuses a wildcard or empty bucket prefix and malformed extra ARNs", () => {
            assert.throws(() => s3EndpointPolicy({ ...facts, ownBucketNamePrefix: "*" }), /ownBucketNamePrefix "\*" must be a literal/);
            assert.throws(() => s3EndpointPolicy({ ...facts, ownBucketNamePrefix: "" }), /ownBucketNamePrefix "" must be/);
            assert.match(validateExtraBucketArns(["arn:aws:s3:::ok-bucket", "arn:aws:s3:::b/*"]) ?? "", /^extraS3BucketArns\[1\] "arn:aws:s3:::b\/\*" is not an S3 bucket ARN/);
            assert.match(validateExtraBucketArns(["vendor-feed"]) ?? "", /^extraS3BucketArns\[0\]/);
        });
        it("property: any valid extra ARNs stay scoped to our principals", () => {
            const name = fc.stringMatching(/^[a-z0-9][a-z0-9-]{2,20}[a-z0-9]$/);
            fc.assert(
                fc.property(fc.uniqueArray(name, { maxLength: 5 }), (names) => {
                    const d = s3EndpointPolicy({ ...facts, ownBucketNamePrefix: "spot-grid-", extraBucketArns: names.map((n) => `arn:aws:s3:::${n}`) });
                    assertScopedToAccount(d);
                    assert.strictEqual(d.Statement.some((s) => s.Sid === "ExtraBuckets"), names.length > 0);
                }),
            );
        });
    });

    describe("other services", () => {
        it("allows the service's own actions for our account only", () => {
            const doc = serviceEndpointPolicy({ accountId: ACCOUNT, iamPrefix: "ssm" });
            assert.strictEqual(doc.Statement[0].Action, "ssm:*");
            assertScopedToAccount(doc);
        });
        it("every catalogue entry renders a scoped policy", () => {
            for (const e of INTERFACE_ENDPOINT_CATALOGUE.values()) assertScopedToAccount(serviceEndpointPolicy({ accountId: ACCOUNT, iamPrefix: e.iamPrefix }));
        });
        it("refuses a non-prefix", () => assert.throws(() => serviceEndpointPolicy({ accountId: ACCOUNT, iamPrefix: "*" }), /iamPrefix "\*"/));
    });
});

describe("components/network/flow-log-policies", () => {
    const group = "/spot-grid/mumbai/vpc-flow-logs";
    it("the key lets CloudWatch Logs use it for this log group only", () => {
        const logs = flowLogKeyPolicy(facts, group).Statement.find((s) => s.Sid === "CloudWatchLogsUsesKeyForThisLogGroupOnly")!;
        assert.deepStrictEqual(logs.Principal, { Service: "logs.ap-south-1.amazonaws.com" });
        assert.deepStrictEqual(logs.Condition, { ArnEquals: { "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:ap-south-1:${ACCOUNT}:log-group:${group}` } });
    });
    it("the key policy has no anonymous principal", () => {
        for (const s of flowLogKeyPolicy(facts, group).Statement) assert.notStrictEqual(s.Principal, "*");
    });
    it("the role trusts only flow logs of this account and region", () => {
        const [s] = flowLogTrustPolicy(facts).Statement;
        assert.deepStrictEqual(s.Principal, { Service: "vpc-flow-logs.amazonaws.com" });
        assert.strictEqual(s.Resource, undefined, "trust policies must not name a resource");
        assert.deepStrictEqual(s.Condition, {
            StringEquals: { "aws:SourceAccount": ACCOUNT },
            ArnLike: { "aws:SourceArn": `arn:aws:ec2:ap-south-1:${ACCOUNT}:vpc-flow-log/*` },
        });
    });
    it("the role writes only to its log group; only DescribeLogGroups (no resource-level permissions) uses *", () => {
        const doc = flowLogDeliveryPolicy(facts, group);
        for (const s of doc.Statement) {
            assert.strictEqual(s.Principal, undefined, "identity policies must not name a principal");
            if (list(s.Resource).includes("*")) assert.deepStrictEqual(list(s.Action), ["logs:DescribeLogGroups"]);
            else for (const r of list(s.Resource)) assert.ok(r.startsWith(logGroupArn(facts, group)), r);
        }
    });
    it("retention must be a CloudWatch value", () => {
        assert.strictEqual(validateFlowLogRetentionDays(365), undefined);
        assert.match(validateFlowLogRetentionDays(100) ?? "", /^flowLogRetentionDays 100 is not a CloudWatch Logs retention; use one of 1, 3, 5/);
    });
});
