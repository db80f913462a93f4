import * as assert from "assert";
import { s3BucketKmsEncryption } from "../../../policies/encryption/s3BucketKmsEncryption";
import { UNKNOWN, UnknownValueError } from "../../../policies/lib/resource-props";
import { assertHasViolation, assertNoViolations, runResourcePolicy } from "../../helpers/policy";
import { BUCKET, BUCKET_V2, CMK, kmsRule, SSE_TYPE, SSE_V2_TYPE } from "./fixtures";

const sse = (rules: unknown[]) => ({ type: SSE_TYPE, name: "data-sse", props: { bucket: "data", rules } });

describe("encryption/s3-bucket-kms-encryption", () => {
    it("passes SSE-KMS with a CMK and the bucket key on", async () => {
        assertNoViolations(await runResourcePolicy(s3BucketKmsEncryption, sse([kmsRule()])));
    });
    it("passes DSSE-KMS with a CMK without a bucket key (DSSE does not support one)", async () => {
        assertNoViolations(await runResourcePolicy(s3BucketKmsEncryption, sse([kmsRule({ bucketKeyEnabled: false }, { sseAlgorithm: "aws:kms:dsse" })])));
    });
    it("ignores a bucket that declares no inline encryption (the stack policy judges it)", async () => {
        assertNoViolations(await runResourcePolicy(s3BucketKmsEncryption, { type: BUCKET, name: "data", props: { bucket: "data" } }));
    });
    it("leaves SSE-S3 (AES256) to the stack policy, which knows whether the bucket is a log target", async () => {
        assertNoViolations(await runResourcePolicy(s3BucketKmsEncryption, sse([kmsRule({}, { sseAlgorithm: "AES256", kmsMasterKeyId: undefined })])));
    });
    it("fires on algorithms other than SSE-KMS and SSE-S3", async () => {
        const run = await runResourcePolicy(s3BucketKmsEncryption, sse([kmsRule({}, { sseAlgorithm: "aws:fsx", kmsMasterKeyId: undefined })]));
        assertHasViolation(run, /'data-sse'.*rules\[0\] uses "aws:fsx".*aws:kms/);
    });
    it("fires on SSE-KMS with the AWS-managed key (no key id)", async () => {
        assertHasViolation(await runResourcePolicy(s3BucketKmsEncryption, sse([kmsRule({}, { kmsMasterKeyId: undefined })])), /no kmsMasterKeyId.*AWS-managed aws\/s3/);
    });
    it("fires on SSE-KMS with the aws/s3 alias", async () => {
        assertHasViolation(await runResourcePolicy(s3BucketKmsEncryption, sse([kmsRule({}, { kmsMasterKeyId: "alias/aws/s3" })])), /AWS-managed key alias\/aws\/s3/);
    });
    it("fires when the bucket key is off", async () => {
        assertHasViolation(await runResourcePolicy(s3BucketKmsEncryption, sse([kmsRule({ bucketKeyEnabled: false })])), /bucketKeyEnabled: true/);
    });
    it("fires on a configuration with no rules", async () => {
        assertHasViolation(await runResourcePolicy(s3BucketKmsEncryption, sse([])), /declares no rules/);
    });
    it("fires on the deprecated V2 token even when compliant, unless allowed by config", async () => {
        const v2 = { ...sse([kmsRule()]), type: SSE_V2_TYPE };
        assertHasViolation(await runResourcePolicy(s3BucketKmsEncryption, v2), /deprecated .*BucketServerSideEncryptionConfigurationV2.*use aws\.s3\.BucketServerSideEncryptionConfiguration/);
        assertNoViolations(await runResourcePolicy(s3BucketKmsEncryption, v2, { allowDeprecatedForms: true }));
    });
    it("judges and flags inline encryption on aws.s3.Bucket", async () => {
        const inline = (rule: unknown) => ({ type: BUCKET, name: "data", props: { serverSideEncryptionConfiguration: { rule } } });
        const ok = await runResourcePolicy(s3BucketKmsEncryption, inline(kmsRule()), { allowDeprecatedForms: true });
        assertNoViolations(ok);
        assertHasViolation(await runResourcePolicy(s3BucketKmsEncryption, inline(kmsRule())), /inline \(deprecated\).*BucketServerSideEncryptionConfiguration/);
        assertHasViolation(await runResourcePolicy(s3BucketKmsEncryption, inline(kmsRule({}, { kmsMasterKeyId: "alias/aws/s3" })), { allowDeprecatedForms: true }), /serverSideEncryptionConfiguration\.rule uses the AWS-managed key/);
    });
    it("judges inline encryption on the deprecated BucketV2 (lists everywhere)", async () => {
        const v2 = (d: Record<string, unknown>) => ({
            type: BUCKET_V2,
            name: "data",
            props: { serverSideEncryptionConfigurations: [{ rules: [{ applyServerSideEncryptionByDefaults: [d], bucketKeyEnabled: true }] }] },
        });
        assertNoViolations(await runResourcePolicy(s3BucketKmsEncryption, v2({ sseAlgorithm: "aws:kms", kmsMasterKeyId: CMK }), { allowDeprecatedForms: true }));
        const run = await runResourcePolicy(s3BucketKmsEncryption, v2({ sseAlgorithm: "aws:kms" }));
        assertHasViolation(run, /applyServerSideEncryptionByDefaults\[0\] has no kmsMasterKeyId/);
        assertHasViolation(run, /deprecated aws:s3\/bucketV2:BucketV2; use aws\.s3\.Bucket/);
    });
    it("throws the analyzer's UnknownValueError (advisory in preview) when the key is unknown, never passes", async () => {
        await assert.rejects(runResourcePolicy(s3BucketKmsEncryption, sse([kmsRule({}, { kmsMasterKeyId: UNKNOWN })])), UnknownValueError);
    });
});
