/**
 * The data layer under the offline engine: every setting of the key, data bucket, log bucket,
 * uploader and replication as registered resources, their parents, and protection.
 */
import * as assert from "assert";
import { named, ofType, OfflineEngine, promiseOf, RecordedResource, setupMocks } from "../../helpers/mocks";
import { RegionalData } from "../../../components/storage/regional-data";
import { ROLE_TAG } from "../../../components/storage/layout";

const ACCOUNT = "111122223333";
const GATEWAY = "vpce-0a1b2c3d4e5f60718";
const UPLOAD = "vpce-0f1e2d3c4b5a69788";
const BREAK_GLASS = `arn:aws:iam::${ACCOUNT}:role/spot-grid-break-glass`;
const DEPLOYER = `arn:aws:iam::${ACCOUNT}:role/spot-grid-deployer`;
const PREVIEW = `arn:aws:iam::${ACCOUNT}:role/spot-grid-preview`;
const WORKERS = { arn: `arn:aws:iam::${ACCOUNT}:role/spot-grid-workers-ap-south-1`, name: "spot-grid-workers-ap-south-1" };
const TOPIC = `arn:aws:sns:ap-south-1:${ACCOUNT}:spot-grid-mumbai-operations`;
const HYD = { stack: "hyderabad", region: "ap-south-2", bucketArn: `arn:aws:s3:::spot-grid-hyderabad-data-ap-south-2-${ACCOUNT}`, keyArn: `arn:aws:kms:ap-south-2:${ACCOUNT}:key/2222bbbb-2222-4222-8222-222222222222` };
const OHIO = { stack: "ohio", region: "us-east-2", bucketArn: `arn:aws:s3:::spot-grid-ohio-data-us-east-2-${ACCOUNT}`, keyArn: `arn:aws:kms:us-east-2:${ACCOUNT}:key/3333cccc-3333-4333-8333-333333333333` };
const json = (v: unknown) => JSON.parse(String(v));
const STATEFUL = ["aws:s3/bucket:Bucket", "aws:kms/key:Key"];

function only(engine: OfflineEngine, type: string): RecordedResource {
    const hits = ofType(engine, type);
    assert.strictEqual(hits.length, 1, `expected one ${type}, found ${hits.map((h) => h.name).join(", ") || "none"}`);
    return hits[0];
}

describe("components/storage/regional-data: primary (mumbai)", () => {
    let engine: OfflineEngine;
    let data: RegionalData;
    before(async () => {
        engine = await setupMocks({ stack: "mumbai", region: "ap-south-1" });
        data = new RegionalData("mumbai", {
            stack: "mumbai",
            region: "ap-south-1",
            allowedVpcEndpointIds: [GATEWAY, UPLOAD],
            uploadEndpointId: UPLOAD,
            uploaderPrincipalArn: `arn:aws:iam::${ACCOUNT}:role/onprem-uploader`,
            breakGlassRoleArn: BREAK_GLASS,
            operatorArns: [DEPLOYER, PREVIEW],
            workersRole: WORKERS,
            replicateTo: [OHIO, HYD],
            alarmTopicArn: TOPIC,
        });
        await engine.settle();
    });
    const dataBucket = () => named(engine, "aws:s3/bucket:Bucket", "mumbai-data");
    const logBucket = () => named(engine, "aws:s3/bucket:Bucket", "mumbai-logs");
    const onBucket = (type: string, bucket: RecordedResource) => {
        const hit = ofType(engine, type).find((r) => r.inputs.bucket === bucket.id);
        assert.ok(hit, `no ${type} on ${bucket.name}`);
        return hit.inputs as any;
    };

    it("creates a rotating symmetric key with a 30-day window and an alias", () => {
        const key = only(engine, "aws:kms/key:Key").inputs as any;
        assert.strictEqual(key.enableKeyRotation, true);
        assert.strictEqual(key.deletionWindowInDays, 30);
        assert.strictEqual(key.customerMasterKeySpec, "SYMMETRIC_DEFAULT");
        assert.strictEqual(key.tags[ROLE_TAG], "data-key");
        assert.strictEqual(only(engine, "aws:kms/alias:Alias").inputs.name, "alias/spot-grid-mumbai-data");
    });
    it("grants key use to workers, uploader, own replication role and break-glass through S3", () => {
        const policy = json(only(engine, "aws:kms/key:Key").inputs.policy);
        const use = policy.Statement.find((s: any) => s.Sid === "NamedRolesUseKeyThroughS3");
        assert.deepStrictEqual(use.Condition.ArnEquals["aws:PrincipalArn"], [
            BREAK_GLASS,
            `arn:aws:iam::${ACCOUNT}:role/spot-grid-replication-ap-south-1`,
            `arn:aws:iam::${ACCOUNT}:role/spot-grid-uploader-ap-south-1`,
            `arn:aws:iam::${ACCOUNT}:role/spot-grid-workers-ap-south-1`,
        ]);
        assert.strictEqual(use.Condition.StringEquals["kms:ViaService"], "s3.ap-south-1.amazonaws.com");
    });
    it("names only roles that exist first: the key waits for the uploader and replication roles it names", () => {
        const key = only(engine, "aws:kms/key:Key");
        for (const role of ["mumbai-uploader-role", "mumbai-replication-role"]) {
            assert.ok(key.dependencies.includes(named(engine, "aws:iam/role:Role", role).urn), `the key must depend on ${role}`);
        }
        const bp = onBucket("aws:s3/bucketPolicy:BucketPolicy", dataBucket());
        assert.ok(ofType(engine, "aws:s3/bucketPolicy:BucketPolicy").find((r) => r.inputs.bucket === dataBucket().id)!.dependencies.includes(named(engine, "aws:iam/role:Role", "mumbai-replication-role").urn), `bucket policy ${bp}`);
    });
    it("is not a replica: no replica statement in the key, no replica exemption in the bucket policy", () => {
        const policy = json(only(engine, "aws:kms/key:Key").inputs.policy);
        assert.ok(!policy.Statement.some((s: any) => s.Sid === "ReplicationEncryptsReplicasThroughS3"));
        const p = json(onBucket("aws:s3/bucketPolicy:BucketPolicy", dataBucket()).policy);
        assert.strictEqual(p.Statement.find((s: any) => s.Sid === "DenyObjectAccessOutsideVpcEndpoints").Action, "s3:*");
    });
    it("names the data bucket deterministically with region and account, tagged as data", () => {
        const b = dataBucket().inputs as any;
        assert.strictEqual(b.bucket, `spot-grid-mumbai-data-ap-south-1-${ACCOUNT}`);
        assert.strictEqual(b.forceDestroy, false);
        assert.deepStrictEqual(b.tags, { [ROLE_TAG]: "data" }, "a source bucket is not a replica");
        assert.strictEqual(logBucket().inputs.bucket, `spot-grid-mumbai-logs-ap-south-1-${ACCOUNT}`);
        assert.strictEqual((logBucket().inputs as any).tags[ROLE_TAG], "access-logs");
    });
    it("versions both buckets", () => {
        for (const b of [dataBucket(), logBucket()]) assert.deepStrictEqual(onBucket("aws:s3/bucketVersioning:BucketVersioning", b).versioningConfiguration, { status: "Enabled" });
    });
    it("encrypts data with the region key and bucket keys; logs with SSE-S3 (log target constraint)", async () => {
        const keyArn = await promiseOf(data.key.arn);
        const enc = onBucket("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", dataBucket());
        assert.deepStrictEqual(enc.rules, [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: keyArn }, bucketKeyEnabled: true }]);
        const logEnc = onBucket("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", logBucket());
        assert.deepStrictEqual(logEnc.rules, [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }]);
    });
    it("blocks all public access and turns ACLs off on both buckets", () => {
        for (const b of [dataBucket(), logBucket()]) {
            const pab = onBucket("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", b);
            for (const k of ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"]) assert.strictEqual(pab[k], true, `${b.name} ${k}`);
            assert.deepStrictEqual(onBucket("aws:s3/bucketOwnershipControls:BucketOwnershipControls", b).rule, { objectOwnership: "BucketOwnerEnforced" });
        }
    });
    it("puts the data bucket policy in place: objects only through the endpoints, the bucket also for operators", () => {
        const p = json(onBucket("aws:s3/bucketPolicy:BucketPolicy", dataBucket()).policy);
        assert.deepStrictEqual(p.Statement.map((s: any) => s.Sid), [
            "DenyInsecureTransport", "DenyNonKmsEncryptionHeader", "DenyKmsWithoutRegionKeyId", "DenyOtherKmsKey", "DenyCustomerProvidedKeys",
            "DenyObjectVersionDeletes", "DenyDeletesOutsideIncoming", "DenyIncomingDeletesExceptValidator",
            "DenyObjectAccessOutsideVpcEndpoints", "DenyBucketAccessOutsideVpcEndpointsExceptOperators",
        ]);
        // The primary's validator (the workers' role, by default) is the only one that may delete, incoming/ only.
        const deletes = p.Statement.find((s: any) => s.Sid === "DenyIncomingDeletesExceptValidator");
        assert.deepStrictEqual([deletes.Action, deletes.Resource, deletes.Condition.ArnNotEquals["aws:PrincipalArn"]], ["s3:DeleteObject", `arn:aws:s3:::spot-grid-mumbai-data-ap-south-1-${ACCOUNT}/incoming/*`, [WORKERS.arn]]);
        const [objects, bucket] = p.Statement.slice(-2);
        assert.deepStrictEqual(objects.Condition.StringNotEquals["aws:SourceVpce"], [GATEWAY, UPLOAD].sort());
        assert.deepStrictEqual(objects.Condition.ArnNotEquals["aws:PrincipalArn"], [BREAK_GLASS, `arn:aws:iam::${ACCOUNT}:role/spot-grid-replication-ap-south-1`]);
        assert.deepStrictEqual(bucket.Condition.ArnNotEquals["aws:PrincipalArn"], [BREAK_GLASS, DEPLOYER, PREVIEW, `arn:aws:iam::${ACCOUNT}:role/spot-grid-replication-ap-south-1`].sort());
        assert.strictEqual(bucket.Resource, `arn:aws:s3:::spot-grid-mumbai-data-ap-south-1-${ACCOUNT}`);
    });
    it("configures logging only after the log bucket's policy admits the delivery", () => {
        const logging = ofType(engine, "aws:s3/bucketLogging:BucketLogging").find((r) => r.inputs.bucket === dataBucket().id)!;
        const logPolicy = ofType(engine, "aws:s3/bucketPolicy:BucketPolicy").find((r) => r.inputs.bucket === logBucket().id)!;
        assert.ok(logging.dependencies.includes(logPolicy.urn), "BucketLogging must depend on the log bucket's policy");
    });
    it("lets access logs under 128 KB move to Glacier (varies_by_storage_class)", () => {
        const lc = ofType(engine, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration").find((r) => r.inputs.bucket === logBucket().id)!;
        assert.strictEqual((lc.inputs as any).transitionDefaultMinimumObjectSize, "varies_by_storage_class");
    });
    it("raises a failure and a latency alarm per destination over all its rules (metric math), to the operations topic", () => {
        const alarms = ofType(engine, "aws:cloudwatch/metricAlarm:MetricAlarm");
        const summary = alarms.map((a: any) => {
            const queries = a.inputs.metricQueries as any[];
            const metrics = queries.filter((q) => q.metric);
            return [
                a.name,
                [...new Set(metrics.map((q) => q.metric.metricName))].join(),
                [...new Set(metrics.map((q) => q.metric.dimensions.DestinationBucket))].join(),
                metrics.map((q) => q.metric.dimensions.RuleId).sort(),
                queries.find((q) => q.returnData).expression.split("(")[0],
                a.inputs.threshold,
                a.inputs.alarmActions,
            ];
        }).sort();
        const hyd = HYD.bucketArn.split(":::")[1];
        const ohio = OHIO.bucketArn.split(":::")[1];
        const rules = (peer: string) => ["processed", "raw", "rejected", "static"].map((p) => `to-${peer}-${p}`);
        assert.deepStrictEqual(summary, [
            ["mumbai-replication-to-hyderabad-failed", "OperationsFailedReplication", hyd, rules("hyderabad"), "SUM", 0, [TOPIC]],
            ["mumbai-replication-to-hyderabad-latency", "ReplicationLatency", hyd, rules("hyderabad"), "MAX", 900, [TOPIC]],
            ["mumbai-replication-to-ohio-failed", "OperationsFailedReplication", ohio, rules("ohio"), "SUM", 0, [TOPIC]],
            ["mumbai-replication-to-ohio-latency", "ReplicationLatency", ohio, rules("ohio"), "MAX", 900, [TOPIC]],
        ]);
    });
    it("logs data-bucket access to the log bucket, which lets only that bucket deliver", () => {
        const logging = onBucket("aws:s3/bucketLogging:BucketLogging", dataBucket());
        assert.strictEqual(logging.targetBucket, logBucket().inputs.bucket);
        assert.strictEqual(logging.targetPrefix, "s3-access/");
        const p = json(onBucket("aws:s3/bucketPolicy:BucketPolicy", logBucket()).policy);
        const allow = p.Statement.find((s: any) => s.Sid === "AllowServerAccessLogDelivery");
        assert.deepStrictEqual(allow.Principal, { Service: "logging.s3.amazonaws.com" });
        assert.deepStrictEqual(allow.Condition.ArnLike["aws:SourceArn"], [`arn:aws:s3:::spot-grid-mumbai-data-ap-south-1-${ACCOUNT}`]);
        assert.strictEqual(allow.Condition.StringEquals["aws:SourceAccount"], ACCOUNT);
    });
    it("archives data and aborts incomplete uploads; lifecycle waits for versioning", () => {
        const lc = ofType(engine, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration").find((r) => r.inputs.bucket === dataBucket().id)!;
        assert.deepStrictEqual((lc.inputs as any).rules.map((r: any) => r.id), ["abort-incomplete-uploads-and-age-old-versions", "remove-expired-delete-markers", "archive-processed", "archive-raw"]);
        const versioning = ofType(engine, "aws:s3/bucketVersioning:BucketVersioning").find((r) => r.inputs.bucket === dataBucket().id)!;
        assert.ok(lc.dependencies.includes(versioning.urn));
    });
    it("replicates with one rule per peer and prefix (never incoming/, only its own processed/<region>/), re-encrypting with the peer's key, after versioning and the role policy", () => {
        const cfg = only(engine, "aws:s3/bucketReplicationConfig:BucketReplicationConfig");
        const rules = (cfg.inputs as any).rules;
        const expected = (peer: typeof HYD, first: number) =>
            ["raw/", "static/", "rejected/", "processed/ap-south-1/"].map((prefix, i) => [`to-${peer.stack}-${prefix.split("/")[0]}`, first + i, prefix, peer.bucketArn, peer.keyArn]);
        assert.deepStrictEqual(rules.map((r: any) => [r.id, r.priority, r.filter.prefix, r.destination.bucket, r.destination.encryptionConfiguration.replicaKmsKeyId]), [...expected(HYD, 1), ...expected(OHIO, 5)]);
        assert.strictEqual(cfg.inputs.bucket, dataBucket().id);
        const role = named(engine, "aws:iam/role:Role", "mumbai-replication-role");
        assert.strictEqual(role.inputs.name, "spot-grid-replication-ap-south-1");
        assert.strictEqual(cfg.inputs.role, role.outputs.arn);
        const versioning = ofType(engine, "aws:s3/bucketVersioning:BucketVersioning").find((r) => r.inputs.bucket === dataBucket().id)!;
        assert.ok(cfg.dependencies.includes(versioning.urn), "waits for source versioning");
        assert.ok(cfg.dependencies.includes(named(engine, "aws:iam/rolePolicy:RolePolicy", "mumbai-replication-policy").urn), "waits for the role policy");
    });
    it("gives the uploader role a trust on the on-prem principal and incoming/ only", () => {
        const role = named(engine, "aws:iam/role:Role", "mumbai-uploader-role");
        assert.strictEqual(role.inputs.name, "spot-grid-uploader-ap-south-1");
        assert.deepStrictEqual(json(role.inputs.assumeRolePolicy).Statement[0].Principal, { AWS: `arn:aws:iam::${ACCOUNT}:role/onprem-uploader` });
        const p = json(named(engine, "aws:iam/rolePolicy:RolePolicy", "mumbai-uploader-policy").inputs.policy);
        assert.strictEqual(p.Statement[0].Resource, `arn:aws:s3:::spot-grid-mumbai-data-ap-south-1-${ACCOUNT}/incoming/*`);
        assert.strictEqual(p.Statement[0].Condition.StringEquals["aws:SourceVpce"], UPLOAD);
    });
    it("attaches the workers' data policy to the workers' role compute created", () => {
        const rp = named(engine, "aws:iam/rolePolicy:RolePolicy", "mumbai-workers-data");
        assert.strictEqual(rp.inputs.role, WORKERS.name);
        assert.deepStrictEqual(json(rp.inputs.policy).Statement.map((s: any) => s.Sid), ["ListOwnPrefixes", "ReadInputs", "WriteResults", "DataKeyThroughS3"]);
    });
    it("protects every bucket and key (protect + retainOnDelete)", () => {
        const stateful = engine.resources().filter((r) => STATEFUL.includes(r.type));
        assert.strictEqual(stateful.length, 3);
        for (const r of stateful) {
            assert.strictEqual(r.protect, true, `${r.name} protect`);
            assert.strictEqual(r.retainOnDelete, true, `${r.name} retainOnDelete`);
        }
    });
    it("parents every resource inside the data component", () => {
        const root = named(engine, "spot-grid:storage:RegionalData", "mumbai");
        const byUrn = new Map(engine.resources().map((r) => [r.urn, r]));
        for (const r of engine.resources().filter((r) => r.custom && r.type.startsWith("aws:") && !r.type.startsWith("pulumi:providers"))) {
            let p = r.parent;
            while (p && p !== root.urn) p = byUrn.get(p)?.parent;
            assert.strictEqual(p, root.urn, `${r.type} ${r.name} is outside RegionalData`);
        }
    });
});

describe("components/storage/regional-data: replica (hyderabad)", () => {
    let engine: OfflineEngine;
    before(async () => {
        engine = await setupMocks({ stack: "hyderabad", region: "ap-south-2" });
        new RegionalData("hyderabad", {
            stack: "hyderabad",
            region: "ap-south-2",
            allowedVpcEndpointIds: [GATEWAY],
            breakGlassRoleArn: BREAK_GLASS,
            operatorArns: [DEPLOYER],
            workersRole: { arn: `arn:aws:iam::${ACCOUNT}:role/spot-grid-workers-ap-south-2`, name: "spot-grid-workers-ap-south-2" },
            replicationSources: [{ stack: "mumbai", region: "ap-south-1" }],
            protect: false,
        });
        await engine.settle();
    });
    it("tags the bucket as a replica of mumbai (the data-protection pack exempts replicas)", () => {
        const tags = (ofType(engine, "aws:s3/bucket:Bucket").find((r) => r.name === "hyderabad-data")!.inputs as any).tags;
        assert.deepStrictEqual(tags, { "spot-grid:role": "data", "spot-grid:replica-of": "mumbai" });
    });
    it("has no replication configuration and no uploader", () => {
        assert.strictEqual(ofType(engine, "aws:s3/bucketReplicationConfig:BucketReplicationConfig").length, 0);
        assert.strictEqual(ofType(engine, "aws:iam/role:Role").length, 0);
    });
    it("names no role of mumbai's: nothing here trusts a name another stack creates later", () => {
        const mumbaiRole = "spot-grid-replication-ap-south-1";
        for (const r of engine.resources().filter((r) => r.custom)) assert.ok(!JSON.stringify(r.inputs).includes(mumbaiRole), `${r.type} ${r.name} names ${mumbaiRole}`);
    });
    it("admits mumbai's replicas by action (s3:Replicate*) and lets S3 encrypt them for this bucket only", () => {
        const bp = json(ofType(engine, "aws:s3/bucketPolicy:BucketPolicy").find((r) => r.name === "hyderabad-data-policy")!.inputs.policy);
        assert.deepStrictEqual(bp.Statement.find((s: any) => s.Sid === "DenyObjectAccessOutsideVpcEndpoints").NotAction, ["s3:ReplicateDelete", "s3:ReplicateObject", "s3:ReplicateTags"]);
        const kp = json(only(engine, "aws:kms/key:Key").inputs.policy);
        const replicas = kp.Statement.find((s: any) => s.Sid === "ReplicationEncryptsReplicasThroughS3");
        assert.strictEqual(replicas.Action, "kms:Encrypt");
        assert.deepStrictEqual(replicas.Condition.StringEquals, {
            "kms:ViaService": "s3.ap-south-2.amazonaws.com",
            "kms:CallerAccount": ACCOUNT,
            "kms:EncryptionContext:aws:s3:arn": `arn:aws:s3:::spot-grid-hyderabad-data-ap-south-2-${ACCOUNT}`,
        });
    });
    it("protect is a documented input; retainOnDelete stays on regardless", () => {
        for (const r of engine.resources().filter((r) => STATEFUL.includes(r.type))) {
            assert.strictEqual(r.protect, false, r.name);
            assert.strictEqual(r.retainOnDelete, true, r.name);
        }
    });
});
