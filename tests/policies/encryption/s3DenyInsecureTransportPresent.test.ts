import { s3DenyInsecureTransportPresent } from "../../../policies/encryption/s3DenyInsecureTransportPresent";
import { assertHasViolation, assertNoViolations, runStackPolicy } from "../../helpers/policy";
import { BUCKET, TLS_POLICY } from "./fixtures";

const bucket = (name: string, extra: Record<string, unknown> = {}) => ({ type: BUCKET, name, urn: `urn:pulumi:s::p::${BUCKET}::${name}`, props: { bucket: name, id: name, ...extra } });
const bucketPolicy = (bucketName: string, policy: unknown) => ({ type: "aws:s3/bucketPolicy:BucketPolicy", name: `${bucketName}-policy`, props: { bucket: bucketName, policy } });

describe("encryption/s3-deny-insecure-transport-present", () => {
    it("passes a bucket whose BucketPolicy denies insecure transport", async () => {
        assertNoViolations(await runStackPolicy(s3DenyInsecureTransportPresent, [bucket("data"), bucketPolicy("data", JSON.stringify(TLS_POLICY))]));
    });
    it("passes a bucket with the statement inline in its outputs", async () => {
        assertNoViolations(await runStackPolicy(s3DenyInsecureTransportPresent, [bucket("data", { policy: JSON.stringify(TLS_POLICY) })]));
    });
    it("fires on a bucket without a bucket policy, on the bucket's URN", async () => {
        const run = await runStackPolicy(s3DenyInsecureTransportPresent, [bucket("data"), bucket("logs"), bucketPolicy("data", TLS_POLICY)]);
        assertHasViolation(run, /'logs'.*no aws\.s3\.BucketPolicy points at it/, `urn:pulumi:s::p::${BUCKET}::logs`);
    });
    it("fires when the attached policy lacks the statement", async () => {
        const allowOnly = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::1:root" }, Action: "s3:GetObject", Resource: "*" }] };
        assertHasViolation(await runStackPolicy(s3DenyInsecureTransportPresent, [bucket("data"), bucketPolicy("data", allowOnly)]), /its bucket policy has no such statement/);
    });
});
