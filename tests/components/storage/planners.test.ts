import * as assert from "assert";
import * as fc from "fast-check";
import { ARCHIVE_STORAGE_CLASS, DEEP_ARCHIVE_STORAGE_CLASS, planDataLifecycle, planLogLifecycle, validateDataLifecycle } from "../../../components/storage/lifecycle";
import { bucketName, dataKeyAlias, validateBucketNameArgs } from "../../../components/storage/naming";
import { planReplicationRules, REPLICATION_TIME_MINUTES, rtcAvailable, RTC_UNSUPPORTED_REGIONS } from "../../../components/storage/replication-rules";
import { replicationRolePolicy, workerDataAccessPolicy } from "../../../components/storage/access-policies";
import { ACCOUNT, hyderabad, mumbai, ohio } from "./fixtures";

/** S3's general-purpose bucket naming rules. https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html */
function isValidBucketName(n: string): boolean {
    return /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/.test(n) && !n.startsWith("xn--") && !/-s3alias$|--ol-s3$|--x-s3$/.test(n);
}

describe("bucket naming", () => {
    it("is deterministic with stack, purpose, region and account", () => {
        assert.strictEqual(bucketName({ stack: "mumbai", region: "ap-south-1", accountId: ACCOUNT, purpose: "data" }), "spot-grid-mumbai-data-ap-south-1-111122223333");
        assert.strictEqual(bucketName({ stack: "ohio", region: "us-east-2", accountId: ACCOUNT, purpose: "logs" }), "spot-grid-ohio-logs-us-east-2-111122223333");
        assert.strictEqual(dataKeyAlias("hyderabad"), "alias/spot-grid-hyderabad-data");
    });
    it("always yields a valid S3 name or a message naming the stack", () => {
        fc.assert(fc.property(
            fc.stringMatching(/^[a-z][a-z0-9-]{0,30}$/),
            fc.constantFrom("ap-south-1", "ap-south-2", "us-east-2", "ap-southeast-7", "eu-central-1"),
            fc.stringMatching(/^\d{12}$/),
            fc.constantFrom("data" as const, "logs" as const),
            (stack, region, accountId, purpose) => {
                const problem = validateBucketNameArgs({ stack, region, accountId, purpose });
                if (problem) return /shorten the stack name/.test(problem) && problem.includes(JSON.stringify(stack));
                return isValidBucketName(bucketName({ stack, region, accountId, purpose }));
            },
        ));
    });
    it("different stacks, regions or accounts never share a name", () => {
        const names = new Set(["mumbai", "hyderabad"].flatMap((stack) => ["ap-south-1", "ap-south-2"].flatMap((region) => [ACCOUNT, "444455556666"].map((accountId) => bucketName({ stack, region, accountId, purpose: "data" })))));
        assert.strictEqual(names.size, 8);
    });
    it("rejects a bad account id or an over-long name, naming the input", () => {
        assert.throws(() => bucketName({ stack: "mumbai", region: "ap-south-1", accountId: "12345", purpose: "data" }), /accountId "12345" must be a 12-digit/);
        assert.throws(() => bucketName({ stack: "a".repeat(31), region: "ap-southeast-7", accountId: ACCOUNT, purpose: "data" }), /more than S3's 63; shorten the stack name/);
    });
});

describe("data lifecycle", () => {
    const rules = planDataLifecycle();
    const byId = new Map(rules.map((r) => [r.id, r]));
    it("aborts incomplete multipart uploads bucket-wide", () => {
        assert.deepStrictEqual(byId.get("abort-incomplete-uploads-and-age-old-versions")?.abortIncompleteMultipartUpload, { daysAfterInitiation: 7 });
        assert.deepStrictEqual(byId.get("abort-incomplete-uploads-and-age-old-versions")?.filter, { prefix: "" });
    });
    it("archives raw/ and processed/ to Glacier classes and never expires current data", () => {
        for (const id of ["archive-raw", "archive-processed"]) {
            assert.deepStrictEqual(byId.get(id)?.transitions, [{ days: 90, storageClass: ARCHIVE_STORAGE_CLASS }, { days: 365, storageClass: DEEP_ARCHIVE_STORAGE_CLASS }]);
        }
        for (const r of rules) assert.strictEqual(r.expiration?.days, undefined, r.id);
        assert.ok(!rules.some((r) => r.filter.prefix === "static/" || r.filter.prefix === "incoming/"), "static/ and incoming/ stay hot");
    });
    it("archives then expires noncurrent versions after the configured time", () => {
        const r = planDataLifecycle({ noncurrentArchiveAfterDays: 10, noncurrentVersionExpirationDays: 400 })[0];
        assert.deepStrictEqual(r.noncurrentVersionTransitions, [{ noncurrentDays: 10, storageClass: "GLACIER" }]);
        assert.deepStrictEqual(r.noncurrentVersionExpiration, { noncurrentDays: 400 });
    });
    it("cleans up expired delete markers in a rule of their own", () => {
        assert.deepStrictEqual(byId.get("remove-expired-delete-markers")?.expiration, { expiredObjectDeleteMarker: true });
    });
    it("explains each impossible setting", () => {
        assert.match(validateDataLifecycle({ archiveAfterDays: 400 }).join(), /deepArchiveAfterDays \(365\) must be greater than archiveAfterDays \(400\)/);
        assert.match(validateDataLifecycle({ noncurrentVersionExpirationDays: 20 }).join(), /noncurrentVersionExpirationDays \(20\) must be greater than noncurrentArchiveAfterDays \(30\)/);
        assert.match(validateDataLifecycle({ abortIncompleteMultipartUploadDays: 0 }).join(), /abortIncompleteMultipartUploadDays is 0; use a whole number of days, at least 1/);
        assert.match(validateDataLifecycle({ archivePrefixes: ["raw"] }).join(), /archivePrefixes\[0\] "raw" must be a top-level prefix ending in '\/'/);
        assert.deepStrictEqual(validateDataLifecycle({}), []);
    });
    it("log lifecycle archives and keeps logs unless a retention is configured", () => {
        const [r] = planLogLifecycle();
        assert.deepStrictEqual(r.transitions, [{ days: 90, storageClass: "GLACIER" }, { days: 365, storageClass: "DEEP_ARCHIVE" }]);
        assert.strictEqual(r.expiration, undefined);
        assert.deepStrictEqual(planLogLifecycle({ retentionDays: 2555 })[0].expiration, { days: 2555 });
        assert.throws(() => planLogLifecycle({ retentionDays: 300 }), /log retentionDays \(300\) must be a whole number greater than deepArchiveAfterDays \(365\)/);
    });
});

describe("replication rules", () => {
    const rules = planReplicationRules([
        { stack: "ohio", bucketArn: ohio.bucketArn, keyArn: ohio.keyArn },
        { stack: "hyderabad", bucketArn: hyderabad.bucketArn, keyArn: hyderabad.keyArn },
    ], "ap-south-1");
    it("has one rule per destination and replicated prefix, unique priorities, V2 schema (prefix filter)", () => {
        assert.deepStrictEqual(rules.map((r) => [r.id, r.priority, r.filter.prefix]), [
            ["to-hyderabad-raw", 1, "raw/"],
            ["to-hyderabad-static", 2, "static/"],
            ["to-hyderabad-rejected", 3, "rejected/"],
            ["to-hyderabad-processed", 4, "processed/ap-south-1/"],
            ["to-ohio-raw", 5, "raw/"],
            ["to-ohio-static", 6, "static/"],
            ["to-ohio-rejected", 7, "rejected/"],
            ["to-ohio-processed", 8, "processed/ap-south-1/"],
        ]);
    });
    it("never replicates incoming/ (transient uploads) nor another region's processed/: replicas cannot overwrite a peer's own results", () => {
        for (const r of rules) {
            assert.ok(!"incoming/".startsWith(r.filter.prefix) && !r.filter.prefix.startsWith("incoming/"), `${r.id} would replicate uploads`);
            assert.ok(r.filter.prefix !== "" && r.filter.prefix !== "processed/", `${r.id} covers every region's results`);
        }
        // A peer's workers write processed/<their region>/, which no rule from ap-south-1 touches.
        for (const peerRegion of ["ap-south-2", "us-east-2"]) {
            const key = `processed/${peerRegion}/run-1/out.parquet`;
            assert.deepStrictEqual(rules.filter((r) => key.startsWith(r.filter.prefix)), [], key);
        }
        assert.deepStrictEqual(rules.filter((r) => "processed/ap-south-1/run-1/out.parquet".startsWith(r.filter.prefix)).map((r) => r.id), ["to-hyderabad-processed", "to-ohio-processed"]);
    });
    it("replicates SSE-KMS objects re-encrypted with the destination key, delete markers, with RTC and metrics", () => {
        const h = rules.find((r) => r.id === "to-hyderabad-raw")!;
        const o = rules.find((r) => r.id === "to-ohio-raw")!;
        assert.strictEqual(h.destination.bucket, hyderabad.bucketArn);
        assert.deepStrictEqual(h.destination.encryptionConfiguration, { replicaKmsKeyId: hyderabad.keyArn });
        assert.deepStrictEqual(o.destination.encryptionConfiguration, { replicaKmsKeyId: ohio.keyArn });
        for (const r of rules) {
            assert.deepStrictEqual(r.sourceSelectionCriteria, { sseKmsEncryptedObjects: { status: "Enabled" } });
            assert.deepStrictEqual(r.deleteMarkerReplication, { status: "Enabled" });
            assert.deepStrictEqual(r.destination.replicationTime, { status: "Enabled", time: { minutes: REPLICATION_TIME_MINUTES } });
            assert.deepStrictEqual(r.destination.metrics, { status: "Enabled", eventThreshold: { minutes: 15 } });
        }
    });
    it("without RTC (a Region that does not offer it, or opted out): the rule keeps metrics and loses only the SLA", () => {
        const [r] = planReplicationRules([{ stack: "hyderabad", bucketArn: hyderabad.bucketArn, keyArn: hyderabad.keyArn, replicationTimeControl: false }], "ap-south-1");
        assert.strictEqual(r.destination.replicationTime, undefined);
        assert.deepStrictEqual(r.destination.metrics, { status: "Enabled", eventThreshold: { minutes: 15 } });
    });
    it("RTC is offered in every Region of the three stacks (AWS names no exception; dated record)", () => {
        for (const region of ["ap-south-1", "ap-south-2", "us-east-2"]) assert.ok(!RTC_UNSUPPORTED_REGIONS.has(region), region);
        assert.strictEqual(rtcAvailable("ap-south-1", "ap-south-2"), true);
        assert.strictEqual(rtcAvailable("ap-south-1", "ap-south-2", new Set(["ap-south-2"])), false, "either end without RTC degrades the rule");
    });
    it("rejects empty, duplicate or alias destinations, naming them", () => {
        assert.throws(() => planReplicationRules([], "ap-south-1"), /destinations is empty/);
        const h = { stack: "hyderabad", bucketArn: hyderabad.bucketArn, keyArn: hyderabad.keyArn };
        assert.throws(() => planReplicationRules([h, h], "ap-south-1"), /destinations\[1\].stack "hyderabad" is listed twice/);
        assert.throws(() => planReplicationRules([{ ...h, keyArn: "alias/spot-grid-hyderabad-data" }], "ap-south-1"), /destinations\[0\].keyArn "alias\/spot-grid-hyderabad-data" must be a full KMS key ARN/);
    });
    it("replication role policy refuses the source as a destination and duplicates", () => {
        assert.throws(() => replicationRolePolicy({ source: mumbai, destinations: [] }), /destinations is empty/);
        assert.throws(() => replicationRolePolicy({ source: mumbai, destinations: [mumbai] }), /is the source bucket/);
        assert.throws(() => replicationRolePolicy({ source: mumbai, destinations: [hyderabad, hyderabad] }), /two destinations in ap-south-2|listed twice/);
    });
    it("worker policy refuses malformed prefixes", () => {
        assert.throws(() => workerDataAccessPolicy({ ...mumbai, readPrefixes: ["raw"] }), /readPrefixes: "raw" must be a prefix of path segments each ending in '\/'/);
        assert.throws(() => workerDataAccessPolicy({ ...mumbai, writePrefixes: [] }), /writePrefixes is empty/);
    });
});
