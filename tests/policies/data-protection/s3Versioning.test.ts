import { s3Versioning } from "../../../policies/data-protection/s3Versioning";
import * as assert from "assert";
import { UNKNOWN, UnknownValueError } from "../../../policies/lib/resource-props";
import { assertHasViolation, assertNoViolations, runStackPolicy } from "../../helpers/policy";
import { BUCKET, dataBucket, NAME, res, urn } from "./fixtures";

describe("s3-versioning", () => {
    const v = res("aws:s3/bucketVersioning:BucketVersioning", "data-versioning", { bucket: NAME, versioningConfiguration: { status: "Enabled" } });
    it("passes a bucket with an Enabled BucketVersioning (by name)", async () => assertNoViolations(await runStackPolicy(s3Versioning, [dataBucket, v])));
    it("passes when linked by dependency while the bucket name is unknown", async () =>
        assertNoViolations(await runStackPolicy(s3Versioning, [dataBucket, res(v.type, "v", { bucket: UNKNOWN, versioningConfiguration: { status: "Enabled" } }, { propertyDependencies: { bucket: [dataBucket.urn!] } })])));
    it("passes a deprecated BucketVersioningV2", async () => assertNoViolations(await runStackPolicy(s3Versioning, [dataBucket, { ...v, type: "aws:s3/bucketVersioningV2:BucketVersioningV2" }])));
    it("passes inline versioning enabled (deprecated form)", async () => assertNoViolations(await runStackPolicy(s3Versioning, [res(BUCKET, "b", { bucket: "b", versioning: { enabled: true } })])));
    it("fires on a bucket without versioning", async () => assertHasViolation(await runStackPolicy(s3Versioning, [dataBucket]), /Bucket 'data' has no versioning configuration/, urn(BUCKET, "data")));
    it("fires on Suspended versioning", async () =>
        assertHasViolation(await runStackPolicy(s3Versioning, [dataBucket, { ...v, props: { bucket: NAME, versioningConfiguration: { status: "Suspended" } } }]), /has status "Suspended"/));
    it("fires when the versioning resource belongs to another bucket", async () =>
        assertHasViolation(await runStackPolicy(s3Versioning, [dataBucket, { ...v, props: { bucket: "other", versioningConfiguration: { status: "Enabled" } } }]), /'data' has no versioning/));
    it("fires on a BucketV2 with inline versioning disabled", async () =>
        assertHasViolation(await runStackPolicy(s3Versioning, [res("aws:s3/bucketV2:BucketV2", "old", { bucket: "old", versioning: { enabled: false } })]), /'old' has no versioning/));

    // Found by the preview lane (tests/policies/preview-conformance.test.ts): an unknown status was read as missing.
    it("says it can't run during preview, never 'has status undefined', when a status is unknown", async () => {
        for (const versioningConfiguration of [UNKNOWN, { status: UNKNOWN }]) {
            await assert.rejects(runStackPolicy(s3Versioning, [dataBucket, { ...v, props: { bucket: NAME, versioningConfiguration } }]), UnknownValueError);
            await assert.rejects(runStackPolicy(s3Versioning, [dataBucket, { ...v, props: { bucket: "elsewhere", versioningConfiguration } }]), UnknownValueError);
        }
    });
});
