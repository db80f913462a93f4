/**
 * Least privilege, proven with an IAM policy simulator rather than by reading JSON: each case
 * evaluates the caller's identity policy together with the bucket policy, and for object reads and
 * writes also the KMS call S3 makes on the caller's behalf (identity policy + key policy), as AWS
 * does for SSE-KMS objects with bucket keys (encryption context = bucket ARN).
 */
import * as assert from "assert";
import { replicationRolePolicy, replicationTrustPolicy, uploaderPolicy, uploaderTrustPolicy, workerDataAccessPolicy } from "../../../components/storage/access-policies";
import { EncryptedBucket } from "../../../components/storage/access-policies";
import { PolicyDocument, s3ViaService } from "../../../components/lib/policy-document";
import { decide, Decision } from "./iam-sim";
import {
    ACCOUNT, GATEWAY_ENDPOINT, hyderabad, mumbai, mumbaiBucketPolicy, mumbaiKeyPolicy, ohio, OTHER_ENDPOINT, replicaBucketPolicy,
    replicaKeyPolicy, roles, UPLOAD_ENDPOINT,
} from "./fixtures";

interface Target {
    readonly bucket: EncryptedBucket;
    readonly bucketPolicy: PolicyDocument;
    readonly keyPolicy: PolicyDocument;
}
const MUMBAI: Target = { bucket: mumbai, bucketPolicy: mumbaiBucketPolicy, keyPolicy: mumbaiKeyPolicy };
const HYDERABAD: Target = { bucket: hyderabad, bucketPolicy: replicaBucketPolicy(hyderabad), keyPolicy: replicaKeyPolicy("ap-south-2", hyderabad) };
const OHIO: Target = { bucket: ohio, bucketPolicy: replicaBucketPolicy(ohio), keyPolicy: replicaKeyPolicy("us-east-2", ohio) };

/** The KMS operation S3 performs for the caller, if any (bucket keys: context is the bucket ARN). */
const KMS_FOR: Record<string, string | undefined> = {
    "s3:GetObject": "kms:Decrypt",
    "s3:PutObject": "kms:GenerateDataKey",
    "s3:ReplicateObject": "kms:Encrypt",
};

async function s3(principal: string, identity: PolicyDocument[], action: string, t: Target, key: string | undefined, context: Record<string, string | string[]> = {}): Promise<Decision> {
    const resource = key === undefined ? t.bucket.bucketArn : `${t.bucket.bucketArn}/${key}`;
    const s3Decision = await decide({ principal, action, resource, accountId: ACCOUNT, context, identityPolicies: identity, resourcePolicy: t.bucketPolicy });
    const kmsAction = key === undefined ? undefined : KMS_FOR[action];
    if (s3Decision !== "Allowed" || !kmsAction) return s3Decision;
    return kms(principal, identity, kmsAction, t, t.bucket.region, t.bucket.bucketArn);
}

function kms(principal: string, identity: PolicyDocument[], action: string, t: Target, viaRegion: string | undefined, contextBucketArn: string): Promise<Decision> {
    const context: Record<string, string> = { "kms:CallerAccount": ACCOUNT, "kms:EncryptionContext:aws:s3:arn": contextBucketArn };
    if (viaRegion) context["kms:ViaService"] = s3ViaService(viaRegion);
    return decide({ principal, action, resource: t.bucket.keyArn, accountId: ACCOUNT, context, identityPolicies: identity, resourcePolicy: t.keyPolicy });
}

const viaGateway = { "aws:SourceVpce": GATEWAY_ENDPOINT };
const viaUpload = { "aws:SourceVpce": UPLOAD_ENDPOINT };
const ourKey = { "s3:x-amz-server-side-encryption": "aws:kms", "s3:x-amz-server-side-encryption-aws-kms-key-id": mumbai.keyArn };

describe("data access (IAM simulator)", () => {
    describe("workers", () => {
        const worker = [workerDataAccessPolicy(mumbai)];
        const as = (action: string, key: string | undefined, context: Record<string, string | string[]> = viaGateway, t: Target = MUMBAI) =>
            s3(roles.workers, worker, action, t, key, context);

        it("read raw/ and static/ through the gateway endpoint", async () => {
            assert.strictEqual(await as("s3:GetObject", "raw/2026/01/02/trades.parquet"), "Allowed");
            assert.strictEqual(await as("s3:GetObject", "static/calendars/nse.json"), "Allowed");
        });
        it("write processed/<their region>/, with or without naming our key", async () => {
            assert.strictEqual(await as("s3:PutObject", "processed/ap-south-1/run-1/out.parquet"), "Allowed");
            assert.strictEqual(await as("s3:PutObject", "processed/ap-south-1/run-1/out.parquet", { ...viaGateway, ...ourKey }), "Allowed");
        });
        it("cannot write another region's processed/ prefix, where that region's results arrive as replicas", async () => {
            assert.strictEqual(await as("s3:PutObject", "processed/ap-south-2/run-1/out.parquet"), "ImplicitlyDenied");
            assert.strictEqual(await as("s3:PutObject", "processed/run-1/out.parquet"), "ImplicitlyDenied");
        });
        it("cannot read or write other prefixes", async () => {
            assert.strictEqual(await as("s3:GetObject", "incoming/upload.csv"), "ImplicitlyDenied");
            assert.strictEqual(await as("s3:GetObject", "processed/run-1/out.parquet"), "ImplicitlyDenied");
            assert.strictEqual(await as("s3:PutObject", "raw/2026/01/02/trades.parquet"), "ImplicitlyDenied");
            assert.strictEqual(await as("s3:PutObject", "static/calendars/nse.json"), "ImplicitlyDenied");
            assert.strictEqual(await as("s3:PutObject", "incoming/x.csv"), "ImplicitlyDenied");
        });
        it("cannot delete anything (and the bucket policy says so too: only the validator deletes, incoming/ only)", async () => {
            for (const key of ["raw/a", "static/a", "processed/ap-south-1/a", "incoming/a"]) {
                assert.strictEqual(await as("s3:DeleteObjectVersion", key), "ExplicitlyDenied", key);
                // The workers' role is also the validator: the bucket policy leaves it incoming/ deletes,
                // which only its separate validator policy grants (tests/components/flow/trip.test.ts).
                assert.strictEqual(await as("s3:DeleteObject", key), key.startsWith("incoming/") ? "ImplicitlyDenied" : "ExplicitlyDenied", key);
            }
        });
        it("list only their prefixes of their bucket, and no other bucket", async () => {
            assert.strictEqual(await as("s3:ListBucket", undefined, { ...viaGateway, "s3:prefix": "raw/2026/" }), "Allowed");
            assert.strictEqual(await as("s3:ListBucket", undefined, { ...viaGateway, "s3:prefix": "" }), "ImplicitlyDenied");
            assert.strictEqual(await as("s3:ListBucket", undefined, { ...viaGateway, "s3:prefix": "incoming/" }), "ImplicitlyDenied");
            assert.strictEqual(await as("s3:ListBucket", undefined, { "aws:SourceVpce": "vpce-0aaaaaaaaaaaaaaa1", "s3:prefix": "raw/" }, HYDERABAD), "ImplicitlyDenied");
            assert.strictEqual(
                await decide({ principal: roles.workers, action: "s3:ListAllMyBuckets", resource: "*", accountId: ACCOUNT, identityPolicies: worker }),
                "ImplicitlyDenied",
            );
        });
        it("cannot read another region's bucket", async () => {
            assert.strictEqual(await as("s3:GetObject", "raw/a", { "aws:SourceVpce": "vpce-0aaaaaaaaaaaaaaa1" }, HYDERABAD), "ImplicitlyDenied");
        });
        it("are denied off the endpoints and over plain HTTP", async () => {
            assert.strictEqual(await as("s3:GetObject", "raw/a", {}), "ExplicitlyDenied");
            assert.strictEqual(await as("s3:GetObject", "raw/a", { "aws:SourceVpce": OTHER_ENDPOINT }), "ExplicitlyDenied");
            assert.strictEqual(await as("s3:GetObject", "raw/a", { ...viaGateway, "aws:SecureTransport": "false" }), "ExplicitlyDenied");
        });
        it("cannot upload under another encryption than our key", async () => {
            const put = (c: Record<string, string>) => as("s3:PutObject", "processed/ap-south-1/x", { ...viaGateway, ...c });
            assert.strictEqual(await put({ "s3:x-amz-server-side-encryption": "AES256" }), "ExplicitlyDenied");
            assert.strictEqual(await put({ "s3:x-amz-server-side-encryption": "aws:kms:dsse", "s3:x-amz-server-side-encryption-aws-kms-key-id": mumbai.keyArn }), "ExplicitlyDenied");
            // aws:kms without a key id means the AWS managed aws/s3 key, not the bucket default.
            assert.strictEqual(await put({ "s3:x-amz-server-side-encryption": "aws:kms" }), "ExplicitlyDenied");
            assert.strictEqual(await put({ "s3:x-amz-server-side-encryption": "aws:kms", "s3:x-amz-server-side-encryption-aws-kms-key-id": hyderabad.keyArn }), "ExplicitlyDenied");
            assert.strictEqual(await put({ "s3:x-amz-server-side-encryption-customer-algorithm": "AES256" }), "ExplicitlyDenied");
        });
        it("use the key only through S3 and only for their bucket", async () => {
            assert.strictEqual(await kms(roles.workers, worker, "kms:Decrypt", MUMBAI, "ap-south-1", mumbai.bucketArn), "Allowed");
            assert.strictEqual(await kms(roles.workers, worker, "kms:Decrypt", MUMBAI, undefined, mumbai.bucketArn), "ImplicitlyDenied");
            assert.strictEqual(await kms(roles.workers, worker, "kms:Decrypt", MUMBAI, "ap-south-1", `${mumbai.bucketArn}/raw/a`), "ImplicitlyDenied");
            assert.strictEqual(await kms(roles.workers, worker, "kms:Decrypt", MUMBAI, "ap-south-1", hyderabad.bucketArn), "ImplicitlyDenied");
        });
    });

    describe("on-prem uploader", () => {
        const uploader = [uploaderPolicy({ ...mumbai, uploadEndpointId: UPLOAD_ENDPOINT })];
        const as = (action: string, key: string | undefined, context: Record<string, string | string[]> = viaUpload) => s3(roles.uploader, uploader, action, MUMBAI, key, context);

        it("puts under incoming/ through the upload endpoint, with our key", async () => {
            assert.strictEqual(await as("s3:PutObject", "incoming/2026-01-02/trades.csv", { ...viaUpload, ...ourKey }), "Allowed");
            assert.strictEqual(await as("s3:PutObject", "incoming/2026-01-02/trades.csv"), "Allowed");
        });
        it("cannot put through another endpoint or from outside", async () => {
            assert.strictEqual(await as("s3:PutObject", "incoming/a.csv", viaGateway), "ImplicitlyDenied");
            assert.strictEqual(await as("s3:PutObject", "incoming/a.csv", {}), "ExplicitlyDenied");
        });
        it("cannot put with another key or algorithm", async () => {
            assert.strictEqual(await as("s3:PutObject", "incoming/a.csv", { ...viaUpload, "s3:x-amz-server-side-encryption": "aws:kms", "s3:x-amz-server-side-encryption-aws-kms-key-id": ohio.keyArn }), "ExplicitlyDenied");
            assert.strictEqual(await as("s3:PutObject", "incoming/a.csv", { ...viaUpload, "s3:x-amz-server-side-encryption": "AES256" }), "ExplicitlyDenied");
        });
        it("cannot touch anything but incoming/ puts", async () => {
            assert.strictEqual(await as("s3:PutObject", "raw/a.csv"), "ImplicitlyDenied");
            assert.strictEqual(await as("s3:PutObject", "processed/a.csv"), "ImplicitlyDenied");
            assert.strictEqual(await as("s3:GetObject", "incoming/a.csv"), "ImplicitlyDenied");
            assert.strictEqual(await as("s3:DeleteObject", "incoming/a.csv"), "ExplicitlyDenied");
            assert.strictEqual(await as("s3:ListBucket", undefined, { ...viaUpload, "s3:prefix": "incoming/" }), "ImplicitlyDenied");
        });
        it("is assumable by the on-prem principal only", async () => {
            const onPrem = "arn:aws:iam::111122223333:role/onprem-uploader-anywhere";
            const trust = uploaderTrustPolicy(onPrem);
            const assume = { Version: "2012-10-17" as const, Statement: [{ Sid: "Assume", Effect: "Allow" as const, Action: "sts:AssumeRole", Resource: roles.uploader }] };
            assert.strictEqual(await decide({ principal: onPrem, action: "sts:AssumeRole", resource: roles.uploader, accountId: ACCOUNT, identityPolicies: [assume], resourcePolicy: trust }), "Allowed");
            assert.strictEqual(await decide({ principal: roles.someoneElse, action: "sts:AssumeRole", resource: roles.uploader, accountId: ACCOUNT, identityPolicies: [assume], resourcePolicy: trust }), "ImplicitlyDenied");
        });
    });

    describe("replication role", () => {
        const replication = [replicationRolePolicy({ source: mumbai, destinations: [hyderabad, ohio] })];
        const as = (action: string, t: Target, key: string | undefined, context: Record<string, string | string[]> = {}) => s3(roles.replication, replication, action, t, key, context);

        it("reads the source for replication from outside the endpoints", async () => {
            assert.strictEqual(await as("s3:GetReplicationConfiguration", MUMBAI, undefined), "Allowed");
            assert.strictEqual(await as("s3:ListBucket", MUMBAI, undefined), "Allowed");
            for (const action of ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"]) {
                assert.strictEqual(await as(action, MUMBAI, "raw/a"), "Allowed", action);
            }
            assert.strictEqual(await kms(roles.replication, replication, "kms:Decrypt", MUMBAI, "ap-south-1", mumbai.bucketArn), "Allowed");
        });
        it("replicates into each destination, re-encrypting with that region's key", async () => {
            for (const t of [HYDERABAD, OHIO]) {
                for (const action of ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"]) {
                    assert.strictEqual(await as(action, t, "raw/a"), "Allowed", `${action} ${t.bucket.region}`);
                }
            }
        });
        it("only replicates between our buckets", async () => {
            assert.strictEqual(await as("s3:ReplicateObject", MUMBAI, "raw/a"), "ImplicitlyDenied");
            const foreign: Target = { ...HYDERABAD, bucket: { ...hyderabad, bucketArn: "arn:aws:s3:::someone-elses-bucket" } };
            assert.strictEqual(await as("s3:ReplicateObject", foreign, "raw/a"), "ImplicitlyDenied");
            // The replica names no role of mumbai's: anything but s3:Replicate* from outside its endpoints is denied outright.
            assert.strictEqual(await as("s3:GetObjectVersionForReplication", HYDERABAD, "raw/a"), "ExplicitlyDenied");
        });
        it("cannot read, write or delete data otherwise", async () => {
            assert.strictEqual(await as("s3:GetObject", MUMBAI, "raw/a"), "ImplicitlyDenied");
            assert.strictEqual(await as("s3:PutObject", HYDERABAD, "raw/a"), "ExplicitlyDenied");
            assert.strictEqual(await as("s3:DeleteObject", MUMBAI, "raw/a"), "ExplicitlyDenied");
            assert.strictEqual(await as("s3:PutReplicationConfiguration", MUMBAI, undefined), "ImplicitlyDenied");
        });
        it("uses each key only in its own region and for its own bucket", async () => {
            assert.strictEqual(await kms(roles.replication, replication, "kms:Encrypt", HYDERABAD, "ap-south-2", hyderabad.bucketArn), "Allowed");
            assert.strictEqual(await kms(roles.replication, replication, "kms:Encrypt", OHIO, "us-east-2", ohio.bucketArn), "Allowed");
            assert.strictEqual(await kms(roles.replication, replication, "kms:Encrypt", HYDERABAD, "ap-south-2", ohio.bucketArn), "ImplicitlyDenied");
            assert.strictEqual(await kms(roles.replication, replication, "kms:Encrypt", OHIO, "ap-south-2", ohio.bucketArn), "ImplicitlyDenied");
            assert.strictEqual(await kms(roles.replication, replication, "kms:Decrypt", HYDERABAD, "ap-south-2", hyderabad.bucketArn), "ImplicitlyDenied");
            assert.strictEqual(await kms(roles.replication, replication, "kms:Encrypt", MUMBAI, "ap-south-1", mumbai.bucketArn), "ImplicitlyDenied");
        });
        it("is assumable by S3 only", async () => {
            const trust = replicationTrustPolicy();
            assert.strictEqual(await decide({ principal: "s3.amazonaws.com", action: "sts:AssumeRole", resource: roles.replication, accountId: ACCOUNT, identityPolicies: [], resourcePolicy: trust }), "Allowed");
            assert.strictEqual(await decide({ principal: "ec2.amazonaws.com", action: "sts:AssumeRole", resource: roles.replication, accountId: ACCOUNT, identityPolicies: [], resourcePolicy: trust }), "ImplicitlyDenied");
        });
    });

    describe("bucket policy exceptions", () => {
        // An admin-like identity policy, so that only the bucket policy can say no.
        const admin: PolicyDocument = {
            Version: "2012-10-17",
            Statement: [
                { Sid: "Admin", Effect: "Allow", Action: "s3:*", Resource: ["arn:aws:s3:::*", "arn:aws:s3:::*/*"] },
                { Sid: "AnyKey", Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: "*" },
            ],
        };

        it("non-endpoint requests are denied for everyone but the replication and break-glass roles", async () => {
            assert.strictEqual(await s3(roles.someoneElse, [admin], "s3:GetBucketPolicy", MUMBAI, undefined), "ExplicitlyDenied");
            assert.strictEqual(await s3(roles.someoneElse, [admin], "s3:GetBucketPolicy", MUMBAI, undefined, viaGateway), "Allowed");
            assert.strictEqual(await s3(roles.breakGlass, [admin], "s3:PutBucketPolicy", MUMBAI, undefined), "Allowed");
            assert.strictEqual(await s3(roles.breakGlass, [admin], "s3:GetObject", MUMBAI, "raw/a"), "Allowed");
            assert.strictEqual(await s3(roles.replication, [admin], "s3:GetBucketPolicy", MUMBAI, undefined), "Allowed");
        });
        it("an admin who is not a key user cannot read data even through the endpoint", async () => {
            assert.strictEqual(await s3(roles.someoneElse, [admin], "s3:GetObject", MUMBAI, "raw/a", viaGateway), "ImplicitlyDenied");
        });
        it("non-TLS requests are denied for everyone, exempt roles included", async () => {
            const plain = { "aws:SecureTransport": "false" };
            for (const who of [roles.breakGlass, roles.replication, roles.someoneElse]) {
                assert.strictEqual(await s3(who, [admin], "s3:GetBucketPolicy", MUMBAI, undefined, plain), "ExplicitlyDenied", who);
                assert.strictEqual(await s3(who, [admin], "s3:GetBucketPolicy", MUMBAI, undefined, { ...plain, ...viaGateway }), "ExplicitlyDenied", who);
            }
        });
        it("the break-glass role can replace the bucket policy from anywhere over TLS", async () => {
            assert.strictEqual(await s3(roles.breakGlass, [admin], "s3:DeleteBucketPolicy", HYDERABAD, undefined), "Allowed");
        });
    });
});
