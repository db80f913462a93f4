import { s3NoPublicAccessPresent } from "../../../policies/no-public-egress/s3NoPublicAccessPresent";
import * as assert from "assert";
import { UNKNOWN, UnknownValueError } from "../../../policies/lib/resource-props";
import { assertHasViolation, assertNoViolations, runStackPolicy } from "../../helpers/policy";
import { bucketName, res, T, urn } from "./fixtures";

describe("s3-no-public-access-present", () => {
    const flags = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };
    const bucket = res(T.bucket, "data", { id: bucketName, bucket: bucketName, arn: `arn:aws:s3:::${bucketName}` });
    const pab = res(T.pab, "data-pab", { id: bucketName, bucket: bucketName, ...flags });

    it("passes a bucket with a full public access block (linked by name)", async () => assertNoViolations(await runStackPolicy(s3NoPublicAccessPresent, [bucket, pab])));
    it("passes a bucket linked through the bucket dependency while the name is unknown", async () =>
        assertNoViolations(await runStackPolicy(s3NoPublicAccessPresent, [bucket, res(T.pab, "p", { bucket: UNKNOWN, ...flags }, { propertyDependencies: { bucket: [bucket.urn!] } })])));
    it("passes every bucket when an account-wide block sets all four flags", async () =>
        assertNoViolations(await runStackPolicy(s3NoPublicAccessPresent, [bucket, res(T.accountPab, "account", { ...flags })])));
    it("fires on a bucket without a public access block", async () =>
        assertHasViolation(await runStackPolicy(s3NoPublicAccessPresent, [bucket]), /Bucket 'data' has no public access block/, urn(T.bucket, "data")));
    it("fires on a deprecated BucketV2 without one", async () =>
        assertHasViolation(await runStackPolicy(s3NoPublicAccessPresent, [bucket, pab, res(T.bucketV2, "old", { id: "old-bucket", bucket: "old-bucket" })]), /Bucket 'old'/));
    it("fires when the bucket's block leaves a flag off", async () =>
        assertHasViolation(await runStackPolicy(s3NoPublicAccessPresent, [bucket, { ...pab, props: { ...pab.props, ignorePublicAcls: false } }]), /does not set all four flags/));
    it("an account-wide block with a flag off does not cover buckets", async () =>
        assertHasViolation(await runStackPolicy(s3NoPublicAccessPresent, [bucket, res(T.accountPab, "account", { ...flags, restrictPublicBuckets: false })]), /has no public access block/));
    // Found by the preview lane (tests/policies/preview-conformance.test.ts): an unknown flag was read as off.
    it("says it can't run during preview, never 'does not set all four flags', when a flag is unknown", async () => {
        await assert.rejects(runStackPolicy(s3NoPublicAccessPresent, [bucket, { ...pab, props: { ...pab.props, blockPublicPolicy: UNKNOWN } }]), UnknownValueError);
        await assert.rejects(runStackPolicy(s3NoPublicAccessPresent, [bucket, res(T.accountPab, "account", { ...flags, restrictPublicBuckets: UNKNOWN })]), UnknownValueError);
    });
});
