/**
 * The workers' role proven with an IAM policy simulator (@cloud-copilot/iam-simulate, tests only),
 * not by reading JSON: what the workers can and cannot do with their data, keys, sessions,
 * metrics and logs.
 */
import * as assert from "assert";
import { runSimulation } from "@cloud-copilot/iam-simulate";
import type { AccountContext } from "../../../components/lib/policy-document";
import {
    interruptionTopicPolicy,
    RUN_COMMAND_MESSAGE_ACTIONS,
    SESSION_MANAGER_CHANNEL_ACTIONS,
    spotFleetTrustPolicy,
    telemetryKeyPolicy,
    workerPolicy,
    workerTrustPolicy,
} from "../../../components/compute/policy-documents";
import { workerDataAccessPolicy } from "../../../components/storage/access-policies";
import { actionsThatSupportResourceScope } from "../../../policies/lib/iam-actions";
import { decide as simulate } from "../storage/iam-sim";

const ctx: AccountContext = { partition: "aws", region: "ap-south-1", accountId: "111122223333" };
const ROLE = "arn:aws:iam::111122223333:role/spot-grid-workers-ap-south-1";
const KEY = "arn:aws:kms:ap-south-1:111122223333:key/0f0e0d0c-0b0a-4909-8807-060504030201";
const BUCKET = "arn:aws:s3:::spot-grid-mumbai-data-ap-south-1-111122223333";
const OTHER_BUCKET = "arn:aws:s3:::spot-grid-ohio-data-us-east-2-111122223333";
const LOG_GROUP = "/spot-grid/mumbai/workers";

/** The storage component's worker data-access policy, exactly as the stack attaches it. */
const dataAccess = workerDataAccessPolicy({ bucketArn: BUCKET, keyArn: KEY, region: "ap-south-1" });
const runtime = workerPolicy({ ctx, stack: "mumbai", logGroupName: LOG_GROUP, metricsNamespace: "SpotGrid/Workers" });
/** The region key delegates to IAM (account root), as a key policy must for IAM policies to count. */
const keyPolicy = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "kms:*", Resource: "*" }] };

/**
 * The storage suite's simulator wrapper (it also evaluates KMS encryption-context conditions); for
 * requests on `*` (actions authorized without a resource) the library directly, whose overall
 * result then covers every resource pattern.
 */
async function decide(action: string, resource: string, context: Record<string, string | string[]> = {}, resourcePolicy?: object): Promise<string> {
    if (resource === "*") {
        const result = await runSimulation(
            {
                identityPolicies: [
                    { name: "data-access", policy: dataAccess as never },
                    { name: "runtime", policy: runtime as never },
                ],
                serviceControlPolicies: [],
                resourceControlPolicies: [],
                request: { action, principal: ROLE, resource: { resource, accountId: "111122223333" }, contextVariables: context },
            },
            {},
        );
        if (result.resultType === "error") throw new Error(`simulation error for ${action}: ${JSON.stringify(result.errors)}`);
        return result.overallResult;
    }
    return simulate({
        principal: ROLE,
        action,
        resource,
        accountId: "111122223333",
        context,
        identityPolicies: [dataAccess, runtime as never],
        ...(resourcePolicy ? { resourcePolicy: resourcePolicy as never } : {}),
    });
}

const allowed = async (...a: Parameters<typeof decide>) => assert.strictEqual(await decide(...a), "Allowed", `${a[0]} on ${a[1]} should be allowed`);
const denied = async (...a: Parameters<typeof decide>) => assert.notStrictEqual(await decide(...a), "Allowed", `${a[0]} on ${a[1]} should be denied`);

describe("components/compute/policy-documents: workers' role (IAM simulator)", () => {
    it("has no KMS grant of its own (the data policy scopes the key to the bucket)", () => {
        assert.ok(!JSON.stringify(runtime).includes("kms:"));
    });

    describe("data", () => {
        it("reads raw/ and static/", async () => {
            await allowed("s3:GetObject", `${BUCKET}/raw/2026/11/20/nse-ticks.parquet`);
            await allowed("s3:GetObject", `${BUCKET}/static/calendars/nse.json`);
        });
        it("writes processed/<its region>/", () => allowed("s3:PutObject", `${BUCKET}/processed/ap-south-1/2026/11/20/risk.parquet`));
        it("cannot write another region's processed/ (where replicas of that region's results land)", () => denied("s3:PutObject", `${BUCKET}/processed/ap-south-2/2026/11/20/risk.parquet`));
        it("cannot write raw/, static/ or incoming/", async () => {
            await denied("s3:PutObject", `${BUCKET}/raw/x`);
            await denied("s3:PutObject", `${BUCKET}/static/x`);
            await denied("s3:PutObject", `${BUCKET}/incoming/x`);
        });
        it("cannot read incoming/ or processed/ of others' prefixes outside the layout", () => denied("s3:GetObject", `${BUCKET}/incoming/upload.csv`));
        it("cannot delete anything", async () => {
            await denied("s3:DeleteObject", `${BUCKET}/processed/x`);
            await denied("s3:DeleteObjectVersion", `${BUCKET}/raw/x`);
            await denied("s3:DeleteBucket", BUCKET);
        });
        it("cannot touch other buckets or list buckets", async () => {
            await denied("s3:GetObject", `${OTHER_BUCKET}/raw/x`);
            await denied("s3:PutObject", `${OTHER_BUCKET}/processed/x`);
            await denied("s3:ListBucket", OTHER_BUCKET, { "s3:prefix": "raw/" });
            await denied("s3:ListAllMyBuckets", "*");
        });
        it("lists only the work prefixes", async () => {
            await allowed("s3:ListBucket", BUCKET, { "s3:prefix": "raw/2026/" });
            await denied("s3:ListBucket", BUCKET, { "s3:prefix": "incoming/" });
        });
    });

    describe("region key: through S3 only", () => {
        const viaS3 = { "kms:ViaService": "s3.ap-south-1.amazonaws.com", "kms:EncryptionContext:aws:s3:arn": BUCKET };
        it("decrypts and generates data keys via S3 for its data bucket", async () => {
            await allowed("kms:Decrypt", KEY, viaS3, keyPolicy);
            await allowed("kms:GenerateDataKey", KEY, viaS3, keyPolicy);
        });
        it("cannot call KMS directly, through another service or region, or for another bucket", async () => {
            await denied("kms:Decrypt", KEY, {}, keyPolicy);
            await denied("kms:Decrypt", KEY, { ...viaS3, "kms:ViaService": "ec2.ap-south-1.amazonaws.com" }, keyPolicy);
            await denied("kms:Decrypt", KEY, { ...viaS3, "kms:ViaService": "s3.us-east-2.amazonaws.com" }, keyPolicy);
            await denied("kms:Decrypt", KEY, { ...viaS3, "kms:EncryptionContext:aws:s3:arn": OTHER_BUCKET }, keyPolicy);
        });
        it("cannot administer or re-purpose the key", async () => {
            await denied("kms:Encrypt", KEY, viaS3, keyPolicy);
            await denied("kms:CreateGrant", KEY, viaS3, keyPolicy);
            await denied("kms:ScheduleKeyDeletion", KEY, {}, keyPolicy);
        });
    });

    describe("Session Manager, scoped", () => {
        it("registers this account's instances in this region only", async () => {
            await allowed("ssm:UpdateInstanceInformation", "arn:aws:ec2:ap-south-1:111122223333:instance/i-0123456789abcdef0");
            await denied("ssm:UpdateInstanceInformation", "arn:aws:ec2:us-east-2:111122223333:instance/i-0123456789abcdef0");
            await denied("ssm:UpdateInstanceInformation", "arn:aws:ec2:ap-south-1:444455556666:instance/i-0123456789abcdef0");
        });
        it("opens session channels", async () => {
            for (const action of SESSION_MANAGER_CHANNEL_ACTIONS) await allowed(action, "*");
        });
        it("receives and answers Run Command messages (ec2messages, as SSM Agent calls them)", async () => {
            for (const action of RUN_COMMAND_MESSAGE_ACTIONS) await allowed(action, "*");
        });
        it("reads its own parameters under /spot-grid/<stack>/ only", async () => {
            await allowed("ssm:GetParameter", "arn:aws:ssm:ap-south-1:111122223333:parameter/spot-grid/mumbai/db-password");
            await allowed("ssm:GetParameters", "arn:aws:ssm:ap-south-1:111122223333:parameter/spot-grid/mumbai/feeds/nse");
            await denied("ssm:GetParameter", "arn:aws:ssm:ap-south-1:111122223333:parameter/spot-grid/ohio/db-password");
            await denied("ssm:GetParameter", "arn:aws:ssm:ap-south-1:111122223333:parameter/grid/db");
            await denied("ssm:PutParameter", "arn:aws:ssm:ap-south-1:111122223333:parameter/spot-grid/mumbai/db-password");
        });
        it("gets none of AmazonSSMManagedInstanceCore's other extras", async () => {
            await denied("ssm:SendCommand", "arn:aws:ec2:ap-south-1:111122223333:instance/i-0123456789abcdef0");
            await denied("ssm:PutInventory", "*");
            await denied("secretsmanager:GetSecretValue", "arn:aws:secretsmanager:ap-south-1:111122223333:secret:spot-grid/mumbai/db-AbCdEf");
        });
        it("grants Resource * only for actions with no resource type in AWS's data", async () => {
            for (const st of runtime.Statement.filter((s) => s.Resource === "*")) {
                const actions = ([] as string[]).concat(st.Action ?? []);
                const report = await actionsThatSupportResourceScope(actions);
                const scopable = report.scopable.filter((a) => a !== "cloudwatch:PutMetricData");
                assert.deepStrictEqual({ scopable, unknown: report.unknown }, { scopable: [], unknown: [] }, st.Sid);
                if (report.scopable.includes("cloudwatch:PutMetricData")) assert.ok(st.Condition?.StringEquals?.["cloudwatch:namespace"], "PutMetricData on * needs a namespace condition");
            }
        });
    });

    describe("metrics and logs: its own only", () => {
        it("publishes metrics to its namespace only", async () => {
            await allowed("cloudwatch:PutMetricData", "*", { "cloudwatch:namespace": "SpotGrid/Workers" });
            await denied("cloudwatch:PutMetricData", "*", { "cloudwatch:namespace": "AWS/EC2" });
        });
        it("writes to its own log group only", async () => {
            const group = `arn:aws:logs:ap-south-1:111122223333:log-group:${LOG_GROUP}`;
            await allowed("logs:CreateLogStream", `${group}:log-stream:i-0123456789abcdef0`);
            await allowed("logs:PutLogEvents", `${group}:log-stream:i-0123456789abcdef0`);
            await denied("logs:PutLogEvents", "arn:aws:logs:ap-south-1:111122223333:log-group:/aws/events/spot-grid/mumbai/spot-interruptions:log-stream:x");
            await denied("logs:DeleteLogGroup", group);
        });
        it("cannot read or change IAM, EC2 or SNS", async () => {
            await denied("iam:PassRole", ROLE);
            await denied("ec2:TerminateInstances", "arn:aws:ec2:ap-south-1:111122223333:instance/i-0123456789abcdef0");
            await denied("sns:Publish", "arn:aws:sns:ap-south-1:111122223333:spot-grid-mumbai-spot-interruptions");
        });
    });
});

async function trustDecision(policy: object, service: string, context: Record<string, string>): Promise<string> {
    const result = await runSimulation(
        {
            identityPolicies: [],
            serviceControlPolicies: [],
            resourceControlPolicies: [],
            resourcePolicy: policy as never,
            request: { action: "sts:AssumeRole", principal: service, resource: { resource: ROLE, accountId: "111122223333" }, contextVariables: context },
        },
        {},
    );
    if (result.resultType === "error") throw new Error(JSON.stringify(result.errors));
    return result.overallResult;
}

describe("components/compute/policy-documents: trust and resource policies", () => {
    it("workers' role: EC2 assumes it with what EC2 sends for an instance profile (no aws:SourceAccount), nobody else", async () => {
        const trust = workerTrustPolicy();
        // EC2 documents no aws:SourceAccount/aws:SourceArn on instance-profile credentials: a request without them must pass.
        assert.strictEqual(await trustDecision(trust, "ec2.amazonaws.com", {}), "Allowed");
        assert.notStrictEqual(await trustDecision(trust, "lambda.amazonaws.com", {}), "Allowed");
        assert.deepStrictEqual(trust.Statement.map((s) => s.Condition), [undefined], "no condition EC2 is not documented to send");
    });
    it("fleet role: the Spot Fleet service only", async () => {
        assert.strictEqual(await trustDecision(spotFleetTrustPolicy(), "spotfleet.amazonaws.com", {}), "Allowed");
        assert.notStrictEqual(await trustDecision(spotFleetTrustPolicy(), "ec2.amazonaws.com", {}), "Allowed");
    });

    it("interruption topic: only our rules publish, on behalf of this account", async () => {
        const topic = "arn:aws:sns:ap-south-1:111122223333:spot-grid-mumbai-spot-interruptions";
        const rules = ["arn:aws:events:ap-south-1:111122223333:rule/spot-grid-mumbai-spot-interruption"];
        const policy = interruptionTopicPolicy(ctx, topic, rules);
        const publish = async (sourceArn: string) => {
            const r = await runSimulation(
                {
                    identityPolicies: [],
                    serviceControlPolicies: [],
                    resourceControlPolicies: [],
                    resourcePolicy: policy as never,
                    request: { action: "sns:Publish", principal: "events.amazonaws.com", resource: { resource: topic, accountId: "111122223333" }, contextVariables: { "aws:SourceArn": sourceArn, "aws:SourceAccount": sourceArn.split(":")[4] } },
                },
                {},
            );
            return r.resultType === "error" ? JSON.stringify(r.errors) : r.overallResult;
        };
        assert.strictEqual(await publish(rules[0]), "Allowed");
        assert.notStrictEqual(await publish("arn:aws:events:ap-south-1:444455556666:rule/elsewhere"), "Allowed");
    });

    it("telemetry key: logs may use it for our log groups only; EventBridge may encrypt", () => {
        const groups = ["arn:aws:logs:ap-south-1:111122223333:log-group:/spot-grid/mumbai/workers"];
        const rules = ["arn:aws:events:ap-south-1:111122223333:rule/spot-grid-mumbai-spot-interruption"];
        const policy = telemetryKeyPolicy({ ctx, logGroupArns: groups, eventRuleArns: rules });
        const logs = policy.Statement.find((s) => JSON.stringify(s.Principal).includes("logs.ap-south-1.amazonaws.com"))!;
        assert.deepStrictEqual(logs.Condition, { ArnEquals: { "kms:EncryptionContext:aws:logs:arn": groups } });
        const events = policy.Statement.find((s) => JSON.stringify(s.Principal).includes("events.amazonaws.com"))!;
        assert.deepStrictEqual(events.Action, ["kms:GenerateDataKey", "kms:Decrypt"]);
        assert.deepStrictEqual(events.Condition, { StringEquals: { "aws:SourceAccount": "111122223333" }, ArnEquals: { "aws:SourceArn": rules } });
        // No wildcard principal and no kms:* anywhere; the account keeps PutKeyPolicy (never locked out).
        assert.ok(policy.Statement.every((s) => s.Principal !== undefined && !JSON.stringify(s.Principal).includes('"*"')), "no wildcard principal");
        assert.ok(!policy.Statement.some((s) => ([] as string[]).concat(s.Action ?? []).some((a) => a.includes("*"))), "no wildcard actions");
        assert.ok(([] as string[]).concat(policy.Statement[0].Action ?? []).includes("kms:PutKeyPolicy"));
    });
});
