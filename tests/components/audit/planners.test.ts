/** The audit layer's pure planners: retention, CIS patterns, the Config rule catalogue, trail documents. */
import * as assert from "assert";
import { MAX_OBJECT_LOCK_DAYS, planArchiveLifecycle, validateArchiveRetention } from "../../../components/audit/archive-lifecycle";
import { CisAlarm, cisAlarms, MAX_FILTER_PATTERN_LENGTH, notBy } from "../../../components/audit/cis-alarms";
import { complianceEventPattern, configRulesByPolicy, MANAGED_RULES, recordedTypes, RECORDED_GLOBAL_TYPES, rulesFor } from "../../../components/audit/config-rules";
import { auditNames } from "../../../components/audit/naming";
import { trailEventSelectors, trailLogsDeliveryPolicy, trailLogsTrustPolicy } from "../../../components/audit/trail-policies";
import { ROLE_ARN } from "../../../infra/config/operators";
import { allPacks } from "../../../policies/registry";

const DEPLOYER = "arn:aws:iam::111122223333:role/spot-grid-deployer";

describe("audit: archive retention", () => {
    it("archives to Glacier Flexible Retrieval, then Deep Archive, aborts stray uploads, and expires nothing by default", () => {
        assert.deepStrictEqual(planArchiveLifecycle(), [
            { id: "archive-logs", status: "Enabled", filter: { prefix: "" }, abortIncompleteMultipartUpload: { daysAfterInitiation: 7 }, transitions: [{ days: 90, storageClass: "GLACIER" }, { days: 365, storageClass: "DEEP_ARCHIVE" }] },
        ]);
    });
    it("expires only when configured, no sooner than the lock ends, and then clears the locked version once free", () => {
        const [rule] = planArchiveLifecycle({ objectLockDays: 2555, expireAfterDays: 2557 });
        assert.deepStrictEqual([rule.expiration, rule.noncurrentVersionExpiration], [{ days: 2557 }, { noncurrentDays: 1 }]);
        assert.match(validateArchiveRetention({ objectLockDays: 2555, expireAfterDays: 2000 }).join(), /expireAfterDays \(2000\) must be at least 2555/);
    });
    it("names each wrong input, with what S3 allows", () => {
        assert.deepStrictEqual(validateArchiveRetention({}), []);
        assert.match(validateArchiveRetention({ objectLockDays: MAX_OBJECT_LOCK_DAYS + 1 }).join(), /objectLockDays is 36501; use a whole number of days from 1 to 36500/);
        assert.match(validateArchiveRetention({ objectLockMode: "LEGAL" as never }).join(), /objectLockMode is "LEGAL"; use GOVERNANCE or COMPLIANCE/);
        assert.match(validateArchiveRetention({ archiveAfterDays: 90, deepArchiveAfterDays: 90 }).join(), /deepArchiveAfterDays \(90\) must be a whole number greater than archiveAfterDays \(90\)/);
        assert.throws(() => planArchiveLifecycle({ archiveAfterDays: 0 }), /archive lifecycle: archiveAfterDays is 0/);
    });
});

describe("audit: CIS metric filters", () => {
    const alarms = cisAlarms([DEPLOYER]);
    const byId = (id: string): CisAlarm => alarms.find((a) => a.id === id)!;

    it("cover the issue's set: root use, IAM policy changes, the grid's network and bucket-policy changes, key disable/deletion, the trail stopped", () => {
        assert.deepStrictEqual(alarms.map((a) => a.id), [
            "root-account-use", "iam-policy-changes", "security-group-changes", "route-table-changes", "vpc-endpoint-changes", "bucket-policy-changes", "kms-key-disable-or-deletion", "cloudtrail-stopped",
        ]);
        assert.strictEqual(byId("root-account-use").pattern, '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }', "the benchmark's own pattern");
    });
    it("ignore the deployer's changes to security groups, route tables, endpoints and bucket policies, but not sessions without an issuer (root, IAM users)", () => {
        for (const id of ["security-group-changes", "route-table-changes", "vpc-endpoint-changes", "bucket-policy-changes"]) {
            const p = byId(id).pattern;
            assert.ok(p.includes(`$.userIdentity.sessionContext.sessionIssuer.arn != "${DEPLOYER}"`), id);
            assert.ok(p.includes("$.userIdentity.sessionContext.sessionIssuer.arn NOT EXISTS"), `${id}: a != on a missing field is false, so the NOT EXISTS arm keeps root and IAM users in`);
        }
        for (const id of ["root-account-use", "iam-policy-changes", "kms-key-disable-or-deletion", "cloudtrail-stopped"]) assert.ok(!byId(id).pattern.includes("sessionIssuer"), `${id} counts everyone, the deployer too`);
        assert.ok(byId("bucket-policy-changes").pattern.includes("($.eventName = PutObjectLockConfiguration)"), "the archive's lock settings count");
        assert.ok(byId("cloudtrail-stopped").pattern.includes("($.eventName = StopLogging)"));
    });
    it("stay under CloudWatch Logs' 1024 characters with the longest deployer ARN config accepts", () => {
        const longest = `arn:aws-us-gov:iam::111122223333:role/${"d".repeat(128)}`;
        assert.match(longest, ROLE_ARN);
        for (const a of cisAlarms([longest])) assert.ok(a.pattern.length <= MAX_FILTER_PATTERN_LENGTH, `${a.id}: ${a.pattern.length}`);
    });
    it("balance their parentheses and braces (CloudWatch rejects a malformed pattern at deploy)", () => {
        for (const a of alarms) {
            let depth = 0;
            for (const ch of a.pattern) {
                if (ch === "(" || ch === "{") depth++;
                if (ch === ")" || ch === "}") depth--;
                assert.ok(depth >= 0, a.id);
            }
            assert.strictEqual(depth, 0, a.id);
        }
    });
    it("refuse a deployer that is not a role", () => {
        assert.throws(() => notBy(["arn:aws:sts::111122223333:assumed-role/spot-grid-deployer/ci"]), /is not an IAM role ARN/);
        assert.doesNotThrow(() => cisAlarms([]));
        assert.ok(!cisAlarms([]).some((a) => a.pattern.includes("sessionIssuer")), "no deployer known: every change alarms");
    });
});

describe("audit: AWS Config rules, the detective twins of the packs", () => {
    const policies = new Set(allPacks.flatMap((p) => p.policies.map((x) => x.name)));

    it("map each managed rule to pack policies that exist", () => {
        for (const r of MANAGED_RULES) for (const p of r.policies) assert.ok(policies.has(p), `${r.rule} names ${p}, which no pack has`);
        const names = MANAGED_RULES.map((r) => r.rule);
        assert.strictEqual(new Set(names).size, names.length, "a rule listed twice");
    });
    it("include every rule the issue lists", () => {
        const names = new Set(MANAGED_RULES.map((r) => r.rule));
        for (const r of [
            "s3-bucket-server-side-encryption-enabled", "s3-default-encryption-kms", "s3-bucket-public-read-prohibited", "s3-bucket-ssl-requests-only", "s3-bucket-versioning-enabled",
            "s3-bucket-replication-enabled", "vpc-flow-logs-enabled", "vpc-default-security-group-closed", "restricted-ssh", "internet-gateway-authorized-vpc-only", "ec2-imdsv2-check",
            "encrypted-volumes", "iam-policy-no-statements-with-admin-access", "cmk-backing-key-rotation-enabled", "cloudtrail-enabled", "cloud-trail-log-file-validation-enabled",
        ]) assert.ok(names.has(r), r);
        assert.deepStrictEqual(configRulesByPolicy().get("s3-archive-object-lock"), ["s3-bucket-default-lock-enabled"]);
    });
    it("deploy the account-wide rules in the audit home only, and the replication rule only where data replicates out", () => {
        const home = rulesFor({ auditHome: true, replicates: true }).map((r) => r.key);
        const replica = rulesFor({ auditHome: false, replicates: false }).map((r) => r.key);
        for (const k of ["iam-policy-no-statements-with-admin-access", "cloudtrail-enabled", "cloud-trail-encryption-enabled", "s3-bucket-replication-enabled"]) {
            assert.ok(home.includes(k), k);
            assert.ok(!replica.includes(k), k);
        }
        assert.ok(replica.includes("s3-default-encryption-kms-data") && replica.includes("s3-default-encryption-kms-log-archive"), "one rule per scoped role");
        assert.ok(!replica.includes("s3-default-encryption-kms"), "the SSE-S3 access-log bucket is out of the KMS rule's scope");
    });
    it("name every rule within Config's 128 characters for the longest stack name", () => {
        const names = auditNames("s".repeat(31));
        for (const r of rulesFor({ auditHome: true, replicates: true })) assert.ok(names.configRule(r.key).length <= 128, r.key);
    });
    it("record IAM (global) in the audit home only", () => {
        for (const t of RECORDED_GLOBAL_TYPES) {
            assert.ok(recordedTypes(true).includes(t));
            assert.ok(!recordedTypes(false).includes(t));
        }
    });
    it("send compliance changes of the stack's rules only, into and out of NON_COMPLIANT", () => {
        const p = JSON.parse(complianceEventPattern("spot-grid-mumbai-"));
        assert.deepStrictEqual(p.source, ["aws.config"]);
        assert.deepStrictEqual(p["detail-type"], ["Config Rules Compliance Change"]);
        assert.deepStrictEqual(p.detail.configRuleName, [{ prefix: "spot-grid-mumbai-" }]);
        assert.strictEqual(p.detail.$or.length, 2);
    });
});

describe("audit: trail documents", () => {
    it("select every management event and the data buckets' object events, never the archive's (a loop)", () => {
        const s = trailEventSelectors(["arn:aws:s3:::b2", "arn:aws:s3:::b1", "arn:aws:s3:::b1"]);
        assert.deepStrictEqual(s[0].fieldSelectors, [{ field: "eventCategory", equals: ["Management"] }]);
        assert.deepStrictEqual(s[1].fieldSelectors[2], { field: "resources.ARN", startsWith: ["arn:aws:s3:::b1/", "arn:aws:s3:::b2/"] });
        assert.strictEqual(trailEventSelectors([]).length, 1);
    });
    it("let CloudTrail write the trail's streams only, with a trust CloudTrail documents takes no source conditions", () => {
        const group = "arn:aws:logs:ap-south-1:111122223333:log-group:/spot-grid/audit/cloudtrail";
        assert.deepStrictEqual(trailLogsDeliveryPolicy(group, "111122223333").Statement.map((s) => [s.Action, s.Resource]), [
            ["logs:CreateLogStream", `${group}:log-stream:111122223333_CloudTrail_*`],
            ["logs:PutLogEvents", `${group}:log-stream:111122223333_CloudTrail_*`],
        ]);
        assert.strictEqual(trailLogsTrustPolicy().Statement[0].Condition, undefined);
    });
});
