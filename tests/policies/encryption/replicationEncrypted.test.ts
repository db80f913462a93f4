import { replicationEncrypted } from "../../../policies/encryption/replicationEncrypted";
import { assertHasViolation, assertNoViolations, runResourcePolicy } from "../../helpers/policy";
import { BUCKET, BUCKET_V2 } from "./fixtures";

const REPLICA_KEY = "arn:aws:kms:ap-south-2:111122223333:key/1111";
const rule = (over: Record<string, unknown> = {}) => ({
    id: "to-hyderabad",
    status: "Enabled",
    sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } },
    destination: { bucket: "arn:aws:s3:::replica", encryptionConfiguration: { replicaKmsKeyId: REPLICA_KEY } },
    ...over,
});
const config = (rules: unknown[]) => ({ type: "aws:s3/bucketReplicationConfig:BucketReplicationConfig", name: "data-replication", props: { bucket: "data", role: "arn:aws:iam::1:role/r", rules } });

describe("encryption/replication-encrypted", () => {
    it("passes a rule that replicates SSE-KMS objects into a replica CMK", async () => {
        assertNoViolations(await runResourcePolicy(replicationEncrypted, config([rule()])));
    });
    it("ignores disabled rules", async () => {
        assertNoViolations(await runResourcePolicy(replicationEncrypted, config([rule({ status: "Disabled", sourceSelectionCriteria: undefined })])));
    });
    it("fires when SSE-KMS objects are not selected", async () => {
        assertHasViolation(await runResourcePolicy(replicationEncrypted, config([rule({ sourceSelectionCriteria: undefined })])), /'data-replication'.*rules\[0\] does not select SSE-KMS objects/);
        assertHasViolation(await runResourcePolicy(replicationEncrypted, config([rule({ sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Disabled" } } })])), /does not select SSE-KMS/);
    });
    it("fires when the destination has no replica key, or an AWS-managed one", async () => {
        assertHasViolation(await runResourcePolicy(replicationEncrypted, config([rule({ destination: { bucket: "arn:aws:s3:::replica" } })])), /no customer-managed replicaKmsKeyId/);
        assertHasViolation(
            await runResourcePolicy(replicationEncrypted, config([rule({ destination: { bucket: "b", encryptionConfiguration: { replicaKmsKeyId: "alias/aws/s3" } } })])),
            /no customer-managed replicaKmsKeyId/,
        );
    });
    it("judges and flags inline replicationConfiguration on Bucket", async () => {
        const inline = (r: Record<string, unknown>) => ({ type: BUCKET, name: "data", props: { replicationConfiguration: { role: "r", rules: [r] } } });
        const good = { status: "Enabled", sourceSelectionCriteria: { sseKmsEncryptedObjects: { enabled: true } }, destination: { bucket: "b", replicaKmsKeyId: REPLICA_KEY } };
        assertNoViolations(await runResourcePolicy(replicationEncrypted, inline(good), { allowDeprecatedForms: true }));
        assertHasViolation(await runResourcePolicy(replicationEncrypted, inline(good)), /inline on the bucket \(deprecated\).*BucketReplicationConfig/);
        assertHasViolation(await runResourcePolicy(replicationEncrypted, inline({ ...good, sourceSelectionCriteria: { sseKmsEncryptedObjects: { enabled: false } } }), { allowDeprecatedForms: true }), /replicationConfiguration\.rules\[0\] does not select/);
    });
    it("judges inline replicationConfigurations on the deprecated BucketV2", async () => {
        const v2 = (dest: Record<string, unknown>) => ({
            type: BUCKET_V2,
            name: "old",
            props: { replicationConfigurations: [{ role: "r", rules: [{ status: "Enabled", sourceSelectionCriterias: [{ sseKmsEncryptedObjects: [{ enabled: true }] }], destinations: [dest] }] }] },
        });
        assertNoViolations(await runResourcePolicy(replicationEncrypted, v2({ bucket: "b", replicaKmsKeyId: REPLICA_KEY }), { allowDeprecatedForms: true }));
        assertHasViolation(await runResourcePolicy(replicationEncrypted, v2({ bucket: "b" }), { allowDeprecatedForms: true }), /destinations\[0\] has no customer-managed replicaKmsKeyId/);
    });
});
