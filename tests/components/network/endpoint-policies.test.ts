import * as assert from "assert";
import * as fc from "fast-check";
import {
    DEFAULT_INTERFACE_ENDPOINTS,
    endpointServiceName,
    INTERFACE_ENDPOINT_CATALOGUE,
    validateInterfaceEndpoints,
} from "../../../components/network/endpoint-catalogue";
import { PolicyDocument, s3EndpointPolicy, serviceEndpointPolicy, validateExtraBucketArns } from "../../../components/network/endpoint-policies";
import { flowLogDeliveryPolicy, flowLogKeyPolicy, flowLogTrustPolicy, logGroupArn, validateFlowLogRetentionDays } from "../../../components/network/flow-log-policies";

const ACCOUNT = "111122223333";
const facts = { accountId: ACCOUNT, partition: "aws", region: "ap-south-1" };
const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Every Allow with Principal "*" must carry a condition that pins our account. */
function assertScopedToAccount(doc: PolicyDocument): void {
    for (const s of doc.Statement) {
        if (s.Effect !== "Allow" || s.Principal !== "*") continue;
        const equals = s.Condition?.StringEquals ?? {};
        assert.strictEqual(equals["aws:PrincipalAccount"], ACCOUNT, `statement ${s.Sid} is open to any account`);
        assert.ok(!list(s.Action).includes("*"), `statement ${s.Sid} allows every action`);
    }
}

describe("components/network/endpoint-catalogue", () => {
    it("the default set is what issue 3 names", () => {
        assert.deepStrictEqual([...DEFAULT_INTERFACE_ENDPOINTS].sort(), ["autoscaling", "ec2", "ec2messages", "kms", "logs", "monitoring", "ssm", "ssmmessages", "sts"]);
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
        it("lets SSM Agent read its regional AWS buckets, read-only, and can be turned off", () => {
            const ssm = doc.Statement.find((s) => s.Sid === "SsmAgentBucketsReadOnly")!;
            assert.strictEqual(ssm.Action, "s3:GetObject");
            assert.ok(list(ssm.Resource).includes("arn:aws:s3:::amazon-ssm-ap-south-1/*"));
            const off = s3EndpointPolicy({ ...facts, ownBucketNamePrefix: "spot-grid-", allowSsmAgentBuckets: false });
            assert.deepStrictEqual(off.Statement.map((s) => s.Sid), ["OwnBuckets"]);
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
