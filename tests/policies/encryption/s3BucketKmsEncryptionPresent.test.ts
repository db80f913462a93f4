import { s3BucketKmsEncryptionPresent } from "../../../policies/encryption/s3BucketKmsEncryptionPresent";
import { assertHasViolation, assertNoViolations, runStackPolicy } from "../../helpers/policy";
import { BUCKET, BUCKET_V2, kmsRule, SSE_TYPE, SSE_V2_TYPE } from "./fixtures";

const bucket = (name: string, extra: Record<string, unknown> = {}, type = BUCKET) => ({ type, name, urn: `urn:pulumi:s::p::${type}::${name}`, props: { bucket: name, id: name, ...extra } });
const sse = (bucketName: string, rules = [kmsRule()], type = SSE_TYPE) => ({ type, name: `${bucketName}-sse`, props: { bucket: bucketName, id: bucketName, rules } });

describe("encryption/s3-bucket-kms-encryption-present", () => {
    it("passes a bucket with a split encryption configuration (matched by name)", async () => {
        assertNoViolations(await runStackPolicy(s3BucketKmsEncryptionPresent, [bucket("data"), sse("data")]));
    });
    it("passes a bucket with a V2 split configuration (its content is judged by the resource policy)", async () => {
        assertNoViolations(await runStackPolicy(s3BucketKmsEncryptionPresent, [bucket("data"), sse("data", [kmsRule()], SSE_V2_TYPE)]));
    });
    it("passes a bucket whose outputs show inline SSE-KMS with a CMK", async () => {
        assertNoViolations(await runStackPolicy(s3BucketKmsEncryptionPresent, [bucket("data", { serverSideEncryptionConfiguration: { rule: kmsRule() } })]));
    });
    it("fires on a bucket with no configuration, naming the bucket", async () => {
        const run = await runStackPolicy(s3BucketKmsEncryptionPresent, [bucket("data"), bucket("logs"), sse("data")]);
        assertHasViolation(run, /'logs'.*no aws\.s3\.BucketServerSideEncryptionConfiguration points at it/, "urn:pulumi:s::p::aws:s3/bucket:Bucket::logs");
    });
    it("fires when AWS's default SSE-S3 is all a bucket shows inline", async () => {
        const run = await runStackPolicy(s3BucketKmsEncryptionPresent, [bucket("data", { serverSideEncryptionConfiguration: { rule: kmsRule({}, { sseAlgorithm: "AES256" }) } })]);
        assertHasViolation(run, /'data'/);
    });
    describe("SSE-S3, which AWS requires on server access log targets", () => {
        const aes = (name: string) => sse(name, [kmsRule({}, { sseAlgorithm: "AES256", kmsMasterKeyId: undefined })]);
        const logging = (source: string, target: string) => ({ type: "aws:s3/bucketLogging:BucketLogging", name: `${source}-logging`, props: { bucket: source, targetBucket: target, targetPrefix: "s3/" } });
        it("passes on a bucket that receives server access logs (split BucketLogging)", async () => {
            assertNoViolations(await runStackPolicy(s3BucketKmsEncryptionPresent, [bucket("data"), sse("data"), bucket("logs"), aes("logs"), logging("data", "logs")]));
        });
        it("passes on a target named by a deprecated inline logging block", async () => {
            assertNoViolations(await runStackPolicy(s3BucketKmsEncryptionPresent, [bucket("data", { loggings: [{ targetBucket: "logs" }] }), sse("data"), bucket("logs"), aes("logs")]));
        });
        it("fires on any other bucket, naming it, even beside a log target", async () => {
            const run = await runStackPolicy(s3BucketKmsEncryptionPresent, [bucket("data"), aes("data"), bucket("logs"), aes("logs"), logging("data", "logs")]);
            assertHasViolation(run, /'data'.*uses SSE-S3 \(AES256\).*only a server access log target may use/, "urn:pulumi:s::p::aws:s3/bucket:Bucket::data");
            assertNoViolations({ violations: run.violations.filter((v) => v.urn?.endsWith("::logs")) });
        });
        it("does not count a bucket that only sends logs as a target", async () => {
            const run = await runStackPolicy(s3BucketKmsEncryptionPresent, [bucket("data"), aes("data"), bucket("logs"), sse("logs"), logging("data", "logs")]);
            assertHasViolation(run, /'data'.*uses SSE-S3/);
        });
    });
    it("fires on a deprecated BucketV2 with no configuration", async () => {
        assertHasViolation(await runStackPolicy(s3BucketKmsEncryptionPresent, [bucket("old", {}, BUCKET_V2)]), /'old' \(aws:s3\/bucketV2:BucketV2\)/);
    });
});
