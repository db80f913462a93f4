/**
 * The audit layer as the real plans build it (tests/helpers/plan-exports: no extra stack runs):
 * the archive's settings, the flow logs into it, AWS Config, the account trail and every alarm's
 * way to the operations topic.
 */
import * as assert from "assert";
import { recordedTypes, rulesFor } from "../../../components/audit/config-rules";
import type { ExportedResource } from "../../../policies/lib/stack-export";
import { planExports } from "../../helpers/plan-exports";

type Props = Record<string, any>;
type Resource = ExportedResource & { inputs: Props; outputs: Props };

interface Stack {
    readonly name: string;
    readonly rs: ExportedResource[];
    readonly outputs: Props;
}

const ofType = (s: Stack, type: string) => s.rs.filter((r) => r.type === type) as Resource[];
const one = (s: Stack, type: string, where: (r: Resource) => boolean = () => true): Resource => {
    const hits = ofType(s, type).filter(where);
    assert.strictEqual(hits.length, 1, `${s.name}: ${hits.length} ${type}`);
    return hits[0];
};
const tagged = (role: string) => (r: Resource) => (r.inputs?.tags as Props | undefined)?.["spot-grid:role"] === role;
const linked = (field: string, target: Resource) => (r: Resource) => (r.propertyDependencies?.[field] ?? []).includes(target.urn) || r.inputs?.[field] === target.outputs?.bucket;

describe("audit: the layer the real plans build", function () {
    this.timeout(600_000);
    let stacks: Stack[] = [];
    const stack = (name: string) => stacks.find((s) => s.name === name)!;
    before(async () => {
        const plan = await planExports();
        stacks = plan.stacks.map((name) => {
            const rs = plan.exports[name].deployment.resources;
            return { name, rs, outputs: rs.find((r) => r.type === "pulumi:pulumi:Stack")!.outputs ?? {} };
        });
    });

    it("every region has its own archive: SSE-KMS with its own key and Bucket Key, Object Lock from creation, versioned, locked for a year in GOVERNANCE, protected and retained", () => {
        for (const s of stacks) {
            const bucket = one(s, "aws:s3/bucket:Bucket", tagged("log-archive"));
            assert.strictEqual(bucket.inputs!.objectLockEnabled, true, s.name);
            assert.match(String(bucket.outputs!.bucket), new RegExp(`^spot-grid-${s.name}-audit-[a-z0-9-]+-111122223333$`));
            assert.deepStrictEqual([bucket.protect, bucket.retainOnDelete], [true, true], `${s.name} bucket`);
            const key = one(s, "aws:kms/key:Key", tagged("audit-key"));
            assert.deepStrictEqual([key.protect, key.retainOnDelete, key.inputs!.enableKeyRotation], [true, true, true], `${s.name} key`);
            const sse = one(s, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", linked("bucket", bucket));
            assert.deepStrictEqual(sse.inputs!.rules[0], { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.outputs!.arn }, bucketKeyEnabled: true });
            assert.strictEqual(one(s, "aws:s3/bucketVersioning:BucketVersioning", linked("bucket", bucket)).inputs!.versioningConfiguration.status, "Enabled");
            assert.deepStrictEqual(one(s, "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration", linked("bucket", bucket)).inputs!.rule, { defaultRetention: { mode: "GOVERNANCE", days: 365 } });
            const lifecycle = one(s, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", linked("bucket", bucket)).inputs!;
            assert.deepStrictEqual(lifecycle.rules[0].transitions, [{ days: 90, storageClass: "GLACIER" }, { days: 365, storageClass: "DEEP_ARCHIVE" }]);
            assert.strictEqual(s.outputs.logArchiveBucketName, bucket.outputs!.bucket);
        }
    });

    it("the archive's own reads are server-access-logged into the region's access-log bucket, which admits it", () => {
        for (const s of stacks) {
            const archive = one(s, "aws:s3/bucket:Bucket", tagged("log-archive"));
            const logs = one(s, "aws:s3/bucket:Bucket", tagged("access-logs"));
            const logging = one(s, "aws:s3/bucketLogging:BucketLogging", linked("bucket", archive));
            assert.strictEqual(logging.inputs!.targetBucket, logs.outputs!.bucket);
            const policy = JSON.parse(one(s, "aws:s3/bucketPolicy:BucketPolicy", linked("bucket", logs)).inputs!.policy);
            const sources = JSON.stringify(policy.Statement.filter((st: Props) => JSON.stringify(st.Principal).includes("logging.s3.amazonaws.com")));
            assert.ok(sources.includes(String(archive.outputs!.arn)), `${s.name}: the access-log bucket admits the archive's logs`);
        }
    });

    it("each VPC's flow logs go to the archive too, as Parquet with Hive-compatible hourly partitions (and still to CloudWatch Logs)", () => {
        for (const s of stacks) {
            const vpc = one(s, "aws:ec2/vpc:Vpc");
            const flows = ofType(s, "aws:ec2/flowLog:FlowLog").filter((f) => (f.propertyDependencies?.vpcId ?? []).includes(vpc.urn));
            assert.deepStrictEqual(flows.map((f) => f.inputs!.logDestinationType).sort(), ["cloud-watch-logs", "s3"], s.name);
            const s3 = flows.find((f) => f.inputs!.logDestinationType === "s3")!;
            assert.strictEqual(s3.inputs!.trafficType, "ALL");
            assert.deepStrictEqual(s3.inputs!.destinationOptions, { fileFormat: "parquet", hiveCompatiblePartitions: true, perHourPartition: true });
            assert.strictEqual(s3.inputs!.logDestination, `${one(s, "aws:s3/bucket:Bucket", tagged("log-archive")).outputs!.arn}/vpc-flow-logs`);
        }
    });

    it("AWS Config records the judged types (IAM in the audit home), delivers to the archive with its key, and is switched on", () => {
        for (const s of stacks) {
            const home = s.name === "mumbai";
            const recorder = one(s, "aws:cfg/recorder:Recorder");
            assert.deepStrictEqual(recorder.inputs!.recordingGroup.resourceTypes, recordedTypes(home), s.name);
            assert.match(String(recorder.inputs!.roleArn), /:role\/aws-service-role\/config\.amazonaws\.com\/AWSServiceRoleForConfig$/);
            const channel = one(s, "aws:cfg/deliveryChannel:DeliveryChannel");
            assert.strictEqual(channel.inputs!.s3BucketName, s.outputs.logArchiveBucketName);
            assert.strictEqual(channel.inputs!.s3KmsKeyArn, s.outputs.logArchiveKeyArn);
            assert.strictEqual(channel.inputs!.s3KeyPrefix, "config");
            assert.strictEqual(one(s, "aws:cfg/recorderStatus:RecorderStatus").inputs!.isEnabled, true);
        }
    });

    it("deploys the managed rules of its role: account-wide ones in the audit home, replication where data replicates out", () => {
        for (const s of stacks) {
            const expected = rulesFor({ auditHome: s.name === "mumbai", replicates: s.name === "mumbai" }).map((r) => `spot-grid-${s.name}-${r.key}`).sort();
            assert.deepStrictEqual(ofType(s, "aws:cfg/rule:Rule").map((r) => r.inputs!.name).sort(), expected, s.name);
            assert.deepStrictEqual([...(s.outputs.configRuleNames as string[])].sort(), expected);
        }
        const replication = one(stack("mumbai"), "aws:cfg/rule:Rule", (r) => r.inputs!.name === "spot-grid-mumbai-s3-bucket-replication-enabled");
        assert.deepStrictEqual(replication.inputs!.scope, { tagKey: "spot-grid:role", tagValue: "data" });
    });

    it("sends every compliance change, CIS alarm and the trail-silent alarm to the stack's operations topic; watches the archive key", () => {
        for (const s of stacks) {
            const topic = s.outputs.operationsTopicArn;
            const compliance = one(s, "aws:cloudwatch/eventRule:EventRule", (r) => r.inputs!.name === `spot-grid-${s.name}-config-compliance`);
            const target = one(s, "aws:cloudwatch/eventTarget:EventTarget", (t) => (t.propertyDependencies?.rule ?? []).includes(compliance.urn));
            assert.strictEqual(target.inputs!.arn, topic);
            const keyState = one(s, "aws:cloudwatch/eventRule:EventRule", (r) => r.inputs!.name === `spot-grid-${s.name}-key-state`);
            assert.ok(JSON.parse(keyState.inputs!.eventPattern).detail.requestParameters.keyId.includes(s.outputs.logArchiveKeyArn), `${s.name}: the archive key is watched`);
        }
        const mumbai = stack("mumbai");
        const cis = ofType(mumbai, "aws:cloudwatch/metricAlarm:MetricAlarm").filter((a) => String(a.inputs!.name).startsWith("spot-grid-mumbai-cis-"));
        assert.strictEqual(cis.length, 9, "eight CIS filters and the trail-silent alarm");
        for (const a of cis) assert.deepStrictEqual(a.inputs!.alarmActions, [mumbai.outputs.operationsTopicArn], a.inputs!.name);
        const filters = ofType(mumbai, "aws:cloudwatch/logMetricFilter:LogMetricFilter");
        assert.strictEqual(filters.length, 8);
        for (const f of filters) assert.strictEqual(f.inputs!.logGroupName, "/spot-grid/audit/cloudtrail");
        assert.ok(filters.some((f) => String(f.inputs!.pattern).includes(`"${(mumbai.outputs.operatorRoleArns as string[]).find((o) => o.endsWith("/spot-grid-deployer"))}"`)), "the deployer named in the change filters is the stack's");
    });

    it("creates the one multi-region trail in the audit home: validated, KMS, CloudWatch Logs, SNS on delivery, the data buckets' object events", () => {
        for (const s of stacks.filter((x) => x.name !== "mumbai")) {
            assert.strictEqual(ofType(s, "aws:cloudtrail/trail:Trail").length, 0, `${s.name} creates no trail`);
            assert.strictEqual(s.outputs.auditTrailArn, null, "exported as null (an undefined output is dropped with a warning)");
        }
        const m = stack("mumbai");
        const t = one(m, "aws:cloudtrail/trail:Trail").inputs!;
        assert.deepStrictEqual(
            [t.isMultiRegionTrail, t.includeGlobalServiceEvents, t.enableLogging, t.enableLogFileValidation, t.kmsKeyId, t.s3BucketName, t.s3KeyPrefix],
            [true, true, true, true, m.outputs.logArchiveKeyArn, m.outputs.logArchiveBucketName, "cloudtrail"],
        );
        assert.match(String(t.cloudWatchLogsGroupArn), /:log-group:\/spot-grid\/audit\/cloudtrail:\*$/);
        assert.strictEqual(t.snsTopicName, m.outputs.auditTrailDeliveryTopicArn);
        const dataPrefixes = t.advancedEventSelectors[1].fieldSelectors.find((f: Props) => f.field === "resources.ARN").startsWith;
        assert.deepStrictEqual(dataPrefixes, stacks.map((s) => `arn:aws:s3:::spot-grid-${s.name}-data-${s.rs.find((r) => r.type === "pulumi:providers:aws")!.inputs!.region}-111122223333/`).sort());
        const group = one(m, "aws:cloudwatch/logGroup:LogGroup", (g) => g.inputs!.name === "/spot-grid/audit/cloudtrail");
        assert.deepStrictEqual([group.inputs!.kmsKeyId, group.inputs!.retentionInDays, group.retainOnDelete], [m.outputs.logArchiveKeyArn, 365, true]);
    });
});
