/**
 * A program may configure an existing bucket by name: versioning, encryption, public access block,
 * policy, lifecycle, logging or replication aimed at a bucket this stack does not create. Each such
 * resource is judged on its own. For every setting type: a non-compliant one aimed elsewhere fires
 * (on the setting's own URN), and a compliant one stays quiet, next to a compliant stack bucket.
 */
import { s3AccessLogging } from "../../policies/data-protection/s3AccessLogging";
import { s3Lifecycle } from "../../policies/data-protection/s3Lifecycle";
import { s3Versioning } from "../../policies/data-protection/s3Versioning";
import { replicationEncrypted } from "../../policies/encryption/replicationEncrypted";
import { s3BucketKmsEncryption } from "../../policies/encryption/s3BucketKmsEncryption";
import { s3BucketKmsEncryptionPresent } from "../../policies/encryption/s3BucketKmsEncryptionPresent";
import { s3DenyInsecureTransport } from "../../policies/encryption/s3DenyInsecureTransport";
import { s3NoPublicAccess } from "../../policies/no-public-egress/s3NoPublicAccess";
import { assertHasViolation, assertNoViolations, res, runResourcePolicy, runStackPolicy } from "../helpers/policy";

const OURS = "spot-grid-mumbai-data-ap-south-1-111122223333";
const ELSEWHERE = "vendor-archive-111122223333";
const KEY = "arn:aws:kms:ap-south-1:111122223333:key/1111aaaa-1111-4111-8111-111111111111";

const bucket = res("aws:s3/bucket:Bucket", "data", { id: OURS, bucket: OURS, arn: `arn:aws:s3:::${OURS}` });
/** Our bucket, compliant for every stack policy below, so only the setting aimed elsewhere can fire. */
const ours = [
    bucket,
    res("aws:s3/bucketVersioning:BucketVersioning", "data-versioning", { bucket: OURS, versioningConfiguration: { status: "Enabled" } }),
    res("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "data-sse", {
        bucket: OURS, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY }, bucketKeyEnabled: true }],
    }),
    res("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "data-lifecycle", {
        bucket: OURS, rules: [{ id: "archive", status: "Enabled", abortIncompleteMultipartUpload: { daysAfterInitiation: 7 }, transitions: [{ days: 90, storageClass: "GLACIER_IR" }] }],
    }),
    res("aws:s3/bucketLogging:BucketLogging", "data-logging", { bucket: OURS, targetBucket: "spot-grid-mumbai-logs", targetPrefix: "data/" }),
];

const versioning = (status: string) => res("aws:s3/bucketVersioning:BucketVersioning", "vendor-versioning", { bucket: ELSEWHERE, versioningConfiguration: { status } });
const sse = (rule: Record<string, unknown>) =>
    res("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "vendor-sse", { bucket: ELSEWHERE, rules: [{ applyServerSideEncryptionByDefault: rule, bucketKeyEnabled: true }] });
const pab = (flags: Partial<Record<string, boolean>>) =>
    res("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "vendor-pab", { bucket: ELSEWHERE, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true, ...flags });
const bucketPolicy = (statements: Record<string, unknown>[]) => res("aws:s3/bucketPolicy:BucketPolicy", "vendor-policy", { bucket: ELSEWHERE, policy: JSON.stringify({ Version: "2012-10-17", Statement: statements }) });
const TLS_DENY = { Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [`arn:aws:s3:::${ELSEWHERE}`, `arn:aws:s3:::${ELSEWHERE}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } };
const lifecycle = (rule: Record<string, unknown>) =>
    res("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "vendor-lifecycle", { bucket: ELSEWHERE, rules: [{ id: "vendor", status: "Enabled", abortIncompleteMultipartUpload: { daysAfterInitiation: 7 }, transitions: [{ days: 30, storageClass: "GLACIER" }], ...rule }] });
const logging = (targetBucket: string) => res("aws:s3/bucketLogging:BucketLogging", "vendor-logging", { bucket: ELSEWHERE, targetBucket, targetPrefix: "vendor/" });
const replication = (rule: Record<string, unknown>) =>
    res("aws:s3/bucketReplicationConfig:BucketReplicationConfig", "vendor-replication", {
        bucket: ELSEWHERE, role: "arn:aws:iam::111122223333:role/r",
        rules: [{ id: "r", status: "Enabled", filter: {}, deleteMarkerReplication: { status: "Enabled" }, sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } }, destination: { bucket: "arn:aws:s3:::vendor-dr", encryptionConfiguration: { replicaKmsKeyId: "arn:aws:kms:ap-south-2:111122223333:key/2222bbbb-2222-4222-8222-222222222222" } }, ...rule }],
    });

describe("settings aimed at a bucket the stack does not create", () => {
    describe("versioning", () => {
        it("fires on Suspended, on the versioning resource (was silent: s3-versioning walked only the stack's buckets)", async () =>
            assertHasViolation(await runStackPolicy(s3Versioning, [...ours, versioning("Suspended")]), /Versioning 'vendor-versioning' for bucket "vendor-archive-111122223333" \(not created by this stack\) has status "Suspended"/, versioning("x").urn));
        it("stays quiet on Enabled", async () => assertNoViolations(await runStackPolicy(s3Versioning, [...ours, versioning("Enabled")])));
        it("does not judge a stack bucket's own configuration twice", async () => {
            const run = await runStackPolicy(s3Versioning, [bucket, res("aws:s3/bucketVersioning:BucketVersioning", "v", { bucket: OURS, versioningConfiguration: { status: "Suspended" } })]);
            assertHasViolation(run, /Bucket 'data' versioning 'v' has status "Suspended"/, bucket.urn);
            if (run.violations.length !== 1) throw new Error(`expected one violation, got ${run.violations.length}`);
        });
    });

    describe("encryption", () => {
        it("fires on SSE-S3, on the configuration (was silent: SSE-S3 was left to the stack policy, which walked only the stack's buckets)", async () =>
            assertHasViolation(await runStackPolicy(s3BucketKmsEncryptionPresent, [...ours, sse({ sseAlgorithm: "AES256" })]), /'vendor-sse' .* sets SSE-S3 \(AES256\) default encryption on bucket "vendor-archive-111122223333" \(not created by this stack\)/, sse({}).urn));
        it("stays quiet on SSE-S3 when a logging configuration here sends logs to that bucket (AWS's one SSE-S3 case)", async () =>
            assertNoViolations(await runStackPolicy(s3BucketKmsEncryptionPresent, [...ours.slice(0, 4), res("aws:s3/bucketLogging:BucketLogging", "data-logging", { bucket: OURS, targetBucket: ELSEWHERE, targetPrefix: "data/" }), sse({ sseAlgorithm: "AES256" })])));
        it("fires on SSE-KMS under the AWS-managed key (the resource policy judges it on its own)", async () =>
            assertHasViolation(await runResourcePolicy(s3BucketKmsEncryption, sse({ sseAlgorithm: "aws:kms", kmsMasterKeyId: "alias/aws/s3" })), /uses the AWS-managed key alias\/aws\/s3/));
        it("stays quiet on SSE-KMS with a customer-managed key", async () => {
            assertNoViolations(await runResourcePolicy(s3BucketKmsEncryption, sse({ sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY })));
            assertNoViolations(await runStackPolicy(s3BucketKmsEncryptionPresent, [...ours, sse({ sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY })]));
        });
    });

    describe("public access block", () => {
        it("fires on a flag left off", async () => assertHasViolation(await runResourcePolicy(s3NoPublicAccess, pab({ restrictPublicBuckets: false })), /'vendor-pab' does not set restrictPublicBuckets to true/));
        it("stays quiet with all four flags", async () => assertNoViolations(await runResourcePolicy(s3NoPublicAccess, pab({}))));
    });

    describe("bucket policy", () => {
        it("fires without the TLS deny", async () => assertHasViolation(await runResourcePolicy(s3DenyInsecureTransport, bucketPolicy([{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "s3:GetObject", Resource: `arn:aws:s3:::${ELSEWHERE}/*` }])), /no statement denies s3:\*/));
        it("fires on a public Allow", async () => assertHasViolation(await runResourcePolicy(s3NoPublicAccess, bucketPolicy([TLS_DENY, { Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `arn:aws:s3:::${ELSEWHERE}/*` }])), /allows Principal "\*" with no restricting condition/));
        it("stays quiet with the TLS deny and no public Allow", async () => {
            assertNoViolations(await runResourcePolicy(s3DenyInsecureTransport, bucketPolicy([TLS_DENY])));
            assertNoViolations(await runResourcePolicy(s3NoPublicAccess, bucketPolicy([TLS_DENY])));
        });
    });

    describe("lifecycle", () => {
        it("fires on expiring current objects, on the configuration (was silent: s3-lifecycle walked only the stack's buckets)", async () =>
            assertHasViolation(await runStackPolicy(s3Lifecycle, [...ours, lifecycle({ expiration: { days: 30 } })]), /Lifecycle 'vendor-lifecycle' for bucket "vendor-archive-111122223333" \(not created by this stack\) rule 'vendor' expires current objects/, lifecycle({}).urn));
        it("fires without an abort-incomplete-multipart rule", async () =>
            assertHasViolation(await runStackPolicy(s3Lifecycle, [...ours, lifecycle({ abortIncompleteMultipartUpload: undefined })]), /Lifecycle 'vendor-lifecycle' .* has no enabled abortIncompleteMultipartUpload rule/));
        it("stays quiet on abort + archival", async () => assertNoViolations(await runStackPolicy(s3Lifecycle, [...ours, lifecycle({})])));
    });

    describe("logging", () => {
        it("fires when it sends a bucket's logs into itself (was silent: nothing judged logging configurations)", async () =>
            assertHasViolation(await runStackPolicy(s3AccessLogging, [...ours, logging(ELSEWHERE)]), /Logging 'vendor-logging' sends the server access logs of bucket "vendor-archive-111122223333" into that same bucket/, logging("x").urn));
        it("fires on our own bucket logging into itself, by dependency while the name is unknown", async () => {
            const loop = res("aws:s3/bucketLogging:BucketLogging", "loop", {}, { propertyDependencies: { bucket: [bucket.urn!], targetBucket: [bucket.urn!] } });
            assertHasViolation(await runStackPolicy(s3AccessLogging, [...ours, loop]), /Logging 'loop' sends the server access logs/, loop.urn);
        });
        it("stays quiet when it sends them to a separate log bucket", async () => assertNoViolations(await runStackPolicy(s3AccessLogging, [...ours, logging("vendor-logs")])));
    });

    describe("replication", () => {
        it("fires when it skips KMS-encrypted objects", async () =>
            assertHasViolation(await runResourcePolicy(replicationEncrypted, replication({ sourceSelectionCriteria: undefined })), /does not select SSE-KMS objects/));
        it("fires without a customer-managed replica key", async () =>
            assertHasViolation(await runResourcePolicy(replicationEncrypted, replication({ destination: { bucket: "arn:aws:s3:::vendor-dr" } })), /no customer-managed replicaKmsKeyId/));
        it("stays quiet when it replicates KMS objects into a customer-managed key", async () => assertNoViolations(await runResourcePolicy(replicationEncrypted, replication({}))));
    });
});
