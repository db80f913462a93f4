import * as assert from "assert";
import { s3AccessLogging } from "../../../policies/data-protection/s3AccessLogging";
import { s3ArchiveObjectLock } from "../../../policies/data-protection/s3ArchiveObjectLock";
import { s3Lifecycle } from "../../../policies/data-protection/s3Lifecycle";
import { UNKNOWN, UnknownValueError } from "../../../policies/lib/resource-props";
import { assertHasViolation, assertNoViolations, runStackPolicy } from "../../helpers/policy";
import { BUCKET, res, withProp } from "./fixtures";

const ARCHIVE = "spot-grid-mumbai-audit-ap-south-1-111122223333";
const archive = res(BUCKET, "archive", { id: ARCHIVE, bucket: ARCHIVE, arn: `arn:aws:s3:::${ARCHIVE}`, objectLockEnabled: true, tags: { "spot-grid:role": "log-archive" } });
const untagged = withProp(archive, ["tags"], {});
const lock = res("aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration", "archive-object-lock", {
    bucket: ARCHIVE,
    objectLockEnabled: "Enabled",
    rule: { defaultRetention: { mode: "GOVERNANCE", days: 365 } },
});
const trail = res("aws:cloudtrail/trail:Trail", "trail", { s3BucketName: ARCHIVE });
const channel = res("aws:cfg/deliveryChannel:DeliveryChannel", "config-delivery", { s3BucketName: ARCHIVE });
const flowLog = res("aws:ec2/flowLog:FlowLog", "flow", { vpcId: "vpc-1", logDestinationType: "s3", logDestination: `arn:aws:s3:::${ARCHIVE}/vpc-flow-logs` });
const lifecycle = (rule: Record<string, unknown>) =>
    res("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "archive-lifecycle", { bucket: ARCHIVE, rules: [{ id: "archive-logs", status: "Enabled", abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }], transitions: [{ days: 90, storageClass: "GLACIER" }], ...rule }] });

describe("s3-archive-object-lock", () => {
    it("stays quiet on a locked archive with a year's governance retention", async () => assertNoViolations(await runStackPolicy(s3ArchiveObjectLock, [archive, lock, trail])));
    it("stays quiet on compliance mode in years", async () =>
        assertNoViolations(await runStackPolicy(s3ArchiveObjectLock, [archive, withProp(lock, ["rule", "defaultRetention"], { mode: "COMPLIANCE", years: 7 }), trail])));
    it("stays quiet on a bucket nothing delivers audit logs into and that is not tagged an archive", async () =>
        assertNoViolations(await runStackPolicy(s3ArchiveObjectLock, [res(BUCKET, "data", { id: "d", bucket: "d", tags: { "spot-grid:role": "data" } })])));
    for (const [what, delivery] of [["CloudTrail", trail], ["AWS Config", channel], ["a flow log to S3", flowLog]] as const) {
        it(`fires on an untagged bucket without Object Lock that ${what} delivers into`, async () =>
            assertHasViolation(await runStackPolicy(s3ArchiveObjectLock, [withProp(untagged, ["objectLockEnabled"], undefined), delivery]), /an audit log archive\) has no Object Lock/, archive.urn));
    }
    it("recognises the delivery by the engine's dependency while names are unknown (preview)", async () =>
        assertHasViolation(
            await runStackPolicy(s3ArchiveObjectLock, [withProp(untagged, ["objectLockEnabled"], undefined), { ...trail, props: { s3BucketName: UNKNOWN }, propertyDependencies: { s3BucketName: [archive.urn!] } }]),
            /has no Object Lock/,
        ));
    it("fires on a tagged archive nothing delivers into yet", async () => assertHasViolation(await runStackPolicy(s3ArchiveObjectLock, [withProp(archive, ["objectLockEnabled"], false)]), /has no Object Lock/));
    it("fires on Object Lock without a default retention", async () => assertHasViolation(await runStackPolicy(s3ArchiveObjectLock, [archive, trail]), /no default retention/));
    it("fires on a retention shorter than the minimum, and honours the configured minimum", async () => {
        const short = withProp(lock, ["rule", "defaultRetention", "days"], 30);
        assertHasViolation(await runStackPolicy(s3ArchiveObjectLock, [archive, short, trail]), /locks new logs for 30 days; .* at least 365 days/);
        assertNoViolations(await runStackPolicy(s3ArchiveObjectLock, [archive, short, trail], { minRetentionDays: 30 }));
    });
    // Found by the preview lane (tests/policies/preview-conformance.test.ts): unknown switches and rules were read as missing.
    it("says it can't run during preview, never 'no Object Lock', when the bucket's switch is unknown and nothing known enables it", async () => {
        await assert.rejects(runStackPolicy(s3ArchiveObjectLock, [withProp(archive, ["objectLockEnabled"], UNKNOWN), trail]), UnknownValueError);
        await assert.rejects(runStackPolicy(s3ArchiveObjectLock, [withProp(archive, ["objectLockEnabled"], undefined), withProp(lock, ["objectLockEnabled"], UNKNOWN), trail]), UnknownValueError);
    });
    it("judges the retention while the bucket's switch is unknown but the lock configuration says Enabled", async () => {
        assertNoViolations(await runStackPolicy(s3ArchiveObjectLock, [withProp(archive, ["objectLockEnabled"], UNKNOWN), lock, trail]));
        assertHasViolation(await runStackPolicy(s3ArchiveObjectLock, [withProp(archive, ["objectLockEnabled"], UNKNOWN), withProp(lock, ["rule", "defaultRetention", "days"], 30), trail]), /locks new logs for 30 days/);
    });
    it("says it can't run during preview, never 'no default retention', when the lock configuration's rule is unknown", async () =>
        await assert.rejects(runStackPolicy(s3ArchiveObjectLock, [archive, withProp(lock, ["rule"], UNKNOWN), trail]), UnknownValueError));
});

describe("audit log archives count as log targets where that is relevant", () => {
    it("s3-access-logging exempts a bucket CloudTrail, Config or a flow log delivers into", async () => {
        for (const delivery of [trail, channel, flowLog]) assertNoViolations(await runStackPolicy(s3AccessLogging, [untagged, delivery]));
        assertHasViolation(await runStackPolicy(s3AccessLogging, [untagged]), /'archive' has no access logging/);
    });
    it("s3-access-logging fires on a server access log target with Object Lock (S3 cannot deliver there)", async () => {
        const data = res(BUCKET, "data", { id: "d", bucket: "d" });
        const logging = res("aws:s3/bucketLogging:BucketLogging", "data-logging", { bucket: "d", targetBucket: ARCHIVE, targetPrefix: "s3-access/" });
        assertHasViolation(await runStackPolicy(s3AccessLogging, [archive, data, logging]), /receives S3 server access logs but has Object Lock/, archive.urn);
        assertHasViolation(await runStackPolicy(s3AccessLogging, [withProp(archive, ["objectLockEnabled"], undefined), lock, data, logging]), /has Object Lock/);
    });
    it("s3-lifecycle lets an archive expire logs after a year, and not sooner", async () => {
        assertNoViolations(await runStackPolicy(s3Lifecycle, [archive, trail, lifecycle({ expiration: [{ days: 400 }] })]));
        assertHasViolation(await runStackPolicy(s3Lifecycle, [archive, trail, lifecycle({ expiration: [{ days: 100 }] })]), /expires access logs after 100 days/);
        assertHasViolation(await runStackPolicy(s3Lifecycle, [untagged, lifecycle({ expiration: [{ days: 400 }] })]), /expires current objects/);
    });
});
