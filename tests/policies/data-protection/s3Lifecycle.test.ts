import * as assert from "assert";
import { s3Lifecycle } from "../../../policies/data-protection/s3Lifecycle";
import { UNKNOWN, UnknownValueError } from "../../../policies/lib/resource-props";
import { assertHasViolation, assertNoViolations, runStackPolicy } from "../../helpers/policy";
import { BUCKET, dataBucket, logBucket, LOGS, NAME, res } from "./fixtures";

describe("s3-lifecycle", () => {
    const LC = "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration";
    const rules = [
        { id: "abort-mpu", status: "Enabled", abortIncompleteMultipartUpload: { daysAfterInitiation: 7 } },
        { id: "archive", status: "Enabled", transitions: [{ days: 90, storageClass: "GLACIER_IR" }, { days: 365, storageClass: "DEEP_ARCHIVE" }], noncurrentVersionExpiration: { noncurrentDays: 30 } },
        { id: "markers", status: "Enabled", expiration: { expiredObjectDeleteMarker: true } },
    ];
    const lc = res(LC, "data-lifecycle", { bucket: NAME, rules });
    const withRules = (r: unknown[]) => ({ ...lc, props: { bucket: NAME, rules: r } });

    it("passes abort + archival + noncurrent expiration + delete-marker cleanup", async () => assertNoViolations(await runStackPolicy(s3Lifecycle, [dataBucket, lc])));
    it("passes the deprecated V2 resource", async () => assertNoViolations(await runStackPolicy(s3Lifecycle, [dataBucket, { ...lc, type: "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2" }])));
    it("passes inline lifecycleRules", async () =>
        assertNoViolations(await runStackPolicy(s3Lifecycle, [res(BUCKET, "b", { bucket: "b", lifecycleRules: [{ enabled: true, abortIncompleteMultipartUploadDays: 7, transitions: [{ days: 90, storageClass: "GLACIER" }] }] })])));
    it("passes without transitions when requireTransition is off", async () =>
        assertNoViolations(await runStackPolicy(s3Lifecycle, [dataBucket, withRules([rules[0]])], { requireTransition: false })));
    it("fires on a bucket without lifecycle", async () => assertHasViolation(await runStackPolicy(s3Lifecycle, [dataBucket]), /'data' has no lifecycle configuration/, dataBucket.urn));
    it("fires without an abort-incomplete-multipart rule", async () => assertHasViolation(await runStackPolicy(s3Lifecycle, [dataBucket, withRules([rules[1]])]), /no enabled abortIncompleteMultipartUpload/));
    it("fires when the abort rule is Disabled", async () =>
        assertHasViolation(await runStackPolicy(s3Lifecycle, [dataBucket, withRules([{ ...rules[0], status: "Disabled" }, rules[1]])]), /no enabled abortIncompleteMultipartUpload/));
    it("fires on expiration of current objects", async () =>
        assertHasViolation(await runStackPolicy(s3Lifecycle, [dataBucket, withRules([...rules, { id: "purge", status: "Enabled", expiration: { days: 365 } }])]), /rule 'purge' expires current objects/));
    it("fires on inline expirations of current objects", async () =>
        assertHasViolation(
            await runStackPolicy(s3Lifecycle, [res(BUCKET, "b", { bucket: "b", lifecycleRules: [{ id: "old", enabled: true, abortIncompleteMultipartUploadDays: 7, transitions: [{ days: 30, storageClass: "GLACIER" }], expirations: [{ days: 90 }] }] })]),
            /rule 'old' expires current objects/,
        ));
    it("fires without a transition", async () => assertHasViolation(await runStackPolicy(s3Lifecycle, [dataBucket, withRules([rules[0]])]), /no transition rule/));

    describe("access logs: the one current data that may expire, after minLogRetentionDays", () => {
        const logsLifecycle = (expiration: Record<string, unknown>) =>
            res(LC, "logs-lifecycle", { bucket: LOGS, rules: [{ id: "archive-access-logs", status: "Enabled", abortIncompleteMultipartUpload: { daysAfterInitiation: 7 }, transitions: [{ days: 90, storageClass: "GLACIER" }], expiration }] });
        const logging = res("aws:s3/bucketLogging:BucketLogging", "data-logging", { bucket: NAME, targetBucket: LOGS, targetPrefix: "data/" });
        const stack = (expiration: Record<string, unknown>) => [dataBucket, lc, logBucket, logging, logsLifecycle(expiration)];

        it("passes a log target that expires logs after a year or more (was a mandatory violation: logRetentionDays could never pass)", async () =>
            assertNoViolations(await runStackPolicy(s3Lifecycle, stack({ days: 400 }))));
        it("fires on a log target that expires logs sooner", async () =>
            assertHasViolation(await runStackPolicy(s3Lifecycle, stack({ days: 90 })), /Bucket 'logs' lifecycle rule 'archive-access-logs' expires access logs after 90 days; keep them at least 365 days/, logBucket.urn));
        it("fires on a log target that expires logs on a date", async () =>
            assertHasViolation(await runStackPolicy(s3Lifecycle, stack({ date: "2030-01-01T00:00:00Z" })), /expires access logs on a date/));
        it("honours a longer minLogRetentionDays", async () =>
            assertHasViolation(await runStackPolicy(s3Lifecycle, stack({ days: 400 }), { minLogRetentionDays: 2555 }), /keep them at least 2555 days/));
        it("still fires on a bucket that is not a log target expiring after a year", async () =>
            assertHasViolation(await runStackPolicy(s3Lifecycle, [dataBucket, withRules([...rules, { id: "purge", status: "Enabled", expiration: { days: 400 } }]), logBucket, logging]), /Bucket 'data' lifecycle rule 'purge' expires current objects/, dataBucket.urn));
    });
    // Found by the preview lane (tests/policies/preview-conformance.test.ts): unknown rules were read as none.
    it("says it can't run during preview, never 'no abort rule', when the rules are unknown", async () => {
        await assert.rejects(runStackPolicy(s3Lifecycle, [dataBucket, withRules(UNKNOWN as unknown as unknown[])]), UnknownValueError);
        await assert.rejects(runStackPolicy(s3Lifecycle, [dataBucket, { ...lc, props: { bucket: "elsewhere", rules: UNKNOWN } }]), UnknownValueError);
    });
    it("still judges a bucket by its known split rules while the deprecated inline rules are unknown (a computed output)", async () =>
        assertNoViolations(await runStackPolicy(s3Lifecycle, [{ ...dataBucket, props: { ...dataBucket.props, lifecycleRules: UNKNOWN } }, lc])));
});
