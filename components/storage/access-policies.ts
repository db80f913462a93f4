/**
 * Identity policies of the principals that touch a data bucket, as pure documents: the workers
 * (attached by the compute component), the on-prem uploader and the replication role. Every KMS
 * grant goes through S3 only (`kms:ViaService`) and only for one bucket: with S3 Bucket Keys on,
 * the encryption context S3 sends to KMS is the *bucket* ARN, not the object ARN.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-key.html#bucket-key-changes
 */
import { INCOMING_PREFIX, processedPrefix, RAW_PREFIX, STATIC_PREFIX } from "./layout";
import { PolicyDocument, policyDocument, PolicyStatement, s3ViaService, sidFragment } from "../lib/policy-document";

/** The KMS encryption-context key S3 sets for SSE-KMS. */
export const S3_ARN_CONTEXT_KEY = "kms:EncryptionContext:aws:s3:arn";

/** One bucket and the key that encrypts it, in its region. */
export interface EncryptedBucket {
    readonly bucketArn: string;
    readonly keyArn: string;
    readonly region: string;
}

/** `kms:*` actions on the bucket's key, only when S3 calls KMS for this bucket. */
export function keyThroughS3(sid: string, b: EncryptedBucket, actions: string[]): PolicyStatement {
    return {
        Sid: sid,
        Effect: "Allow",
        Action: actions,
        Resource: b.keyArn,
        Condition: { StringEquals: { "kms:ViaService": s3ViaService(b.region), [S3_ARN_CONTEXT_KEY]: b.bucketArn } },
    };
}

export interface WorkerDataAccessArgs extends EncryptedBucket {
    /** Prefixes the workers read. @default [raw/, static/] */
    readonly readPrefixes?: readonly string[];
    /** Prefixes the workers write. @default [processed/<region>/] */
    readonly writePrefixes?: readonly string[];
}

/**
 * The Spot workers' S3 access to their region's data bucket: read `raw/` and `static/`, write
 * `processed/<region>/` (their own region's results only: replicas of another region's results
 * arrive under that region's prefix and stay untouchable), list only those prefixes; no delete, no
 * other bucket, no other prefix.
 * Attach it to the workers' role (compute component) as an inline role policy. The bucket policy
 * additionally requires the request to come through this region's VPC endpoints.
 */
export function workerDataAccessPolicy(a: WorkerDataAccessArgs): PolicyDocument {
    const reads = a.readPrefixes ?? [RAW_PREFIX, STATIC_PREFIX];
    const writes = a.writePrefixes ?? [processedPrefix(a.region)];
    validatePrefixes("readPrefixes", reads);
    validatePrefixes("writePrefixes", writes);
    return policyDocument([
        {
            Sid: "ListOwnPrefixes",
            Effect: "Allow",
            Action: "s3:ListBucket",
            Resource: a.bucketArn,
            Condition: { StringLike: { "s3:prefix": [...new Set([...reads, ...writes])].map((p) => `${p}*`) } },
        },
        { Sid: "ReadInputs", Effect: "Allow", Action: "s3:GetObject", Resource: reads.map((p) => `${a.bucketArn}/${p}*`) },
        {
            Sid: "WriteResults",
            Effect: "Allow",
            Action: ["s3:PutObject", "s3:AbortMultipartUpload"],
            Resource: writes.map((p) => `${a.bucketArn}/${p}*`),
        },
        // Decrypt to read; GenerateDataKey to write; Decrypt also to complete multipart uploads.
        keyThroughS3("DataKeyThroughS3", a, ["kms:Decrypt", "kms:GenerateDataKey"]),
    ]);
}

export interface UploaderPolicyArgs extends EncryptedBucket {
    /** The S3 interface endpoint on-prem uploads through (aws:SourceVpce). */
    readonly uploadEndpointId: string;
    /** @default incoming/ */
    readonly prefix?: string;
}

/**
 * An on-prem writer of one prefix: put (and abort its multipart uploads) under `incoming/` (the
 * daily uploader) or `static/` (the reference-data publisher) only, only through the S3 interface
 * endpoint on-prem reaches over the VPN. Multipart uploads with SSE-KMS need kms:GenerateDataKey
 * and kms:Decrypt. https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpuoverview.html#mpuAndPermissions
 */
export function uploaderPolicy(a: UploaderPolicyArgs): PolicyDocument {
    const prefix = a.prefix ?? INCOMING_PREFIX;
    validatePrefixes("prefix", [prefix]);
    return policyDocument([
        {
            Sid: `Put${sidFragment(prefix)}ThroughUploadEndpoint`,
            Effect: "Allow",
            Action: ["s3:PutObject", "s3:AbortMultipartUpload"],
            Resource: `${a.bucketArn}/${prefix}*`,
            Condition: { StringEquals: { "aws:SourceVpce": a.uploadEndpointId } },
        },
        keyThroughS3("DataKeyThroughS3", a, ["kms:GenerateDataKey", "kms:Decrypt"]),
    ]);
}

/** Trust of the uploader role: the on-prem uploader's AWS principal only. */
export function uploaderTrustPolicy(uploaderPrincipalArn: string): PolicyDocument {
    return onPremTrustPolicy("OnPremUploaderAssumesRole", uploaderPrincipalArn);
}

/**
 * Trust of a role an on-prem job assumes (uploader, reference publisher, job submitter, results
 * reader): that one configured AWS principal, nothing else. IAM validates the principal when the
 * trust policy is saved (a missing one is refused), so it cannot name a role nobody created.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
 */
export function onPremTrustPolicy(sid: string, principalArn: string): PolicyDocument {
    return policyDocument([{ Sid: sid, Effect: "Allow", Principal: { AWS: principalArn }, Action: "sts:AssumeRole" }]);
}

/**
 * Trust of the replication role, exactly as AWS documents it (S3 only). S3 does not document
 * aws:SourceArn/aws:SourceAccount on its replication AssumeRole, so we add no condition that
 * could silently stop replication.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/setting-repl-config-perm-overview.html
 */
export function replicationTrustPolicy(): PolicyDocument {
    return policyDocument([
        { Sid: "S3AssumesReplicationRole", Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "sts:AssumeRole" },
    ]);
}

export interface ReplicationPolicyArgs {
    readonly source: EncryptedBucket;
    /** One or more destination buckets, each with its own region and key. */
    readonly destinations: readonly EncryptedBucket[];
}

/**
 * The replication role's permissions for SSE-KMS objects, as AWS documents them: read for
 * replication on the source, replicate on each destination, kms:Decrypt on the source key and
 * kms:Encrypt on each destination key, each via S3 in the key's region and for that bucket only.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-config-for-kms-objects.html
 */
export function replicationRolePolicy(a: ReplicationPolicyArgs): PolicyDocument {
    if (a.destinations.length === 0) throw new Error("replication role policy: destinations is empty; list at least one destination bucket");
    const seen = new Set<string>();
    const regions = new Set<string>();
    for (const d of a.destinations) {
        if (regions.has(d.region)) throw new Error(`replication role policy: two destinations in ${d.region}; each region has one data bucket`);
        regions.add(d.region);
        if (d.bucketArn === a.source.bucketArn) throw new Error(`replication role policy: destination ${d.bucketArn} is the source bucket; replicate to another bucket`);
        if (seen.has(d.bucketArn)) throw new Error(`replication role policy: destination ${d.bucketArn} is listed twice`);
        seen.add(d.bucketArn);
    }
    const dests = [...a.destinations].sort((x, y) => x.bucketArn.localeCompare(y.bucketArn));
    return policyDocument([
        {
            Sid: "SourceReplicationConfiguration",
            Effect: "Allow",
            Action: ["s3:GetReplicationConfiguration", "s3:ListBucket"],
            Resource: a.source.bucketArn,
        },
        {
            Sid: "SourceObjectVersionsForReplication",
            Effect: "Allow",
            Action: ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"],
            Resource: `${a.source.bucketArn}/*`,
        },
        {
            Sid: "ReplicateToDestinations",
            Effect: "Allow",
            Action: ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"],
            Resource: dests.map((d) => `${d.bucketArn}/*`),
        },
        keyThroughS3("DecryptSourceObjects", a.source, ["kms:Decrypt"]),
        // One statement per destination: a key is usable only with its own region and bucket.
        ...dests.map((d) => keyThroughS3(`EncryptReplicasIn${sidFragment(d.region)}`, d, ["kms:Encrypt"])),
    ]);
}

export function validatePrefixes(input: string, prefixes: readonly string[]): void {
    if (prefixes.length === 0) throw new Error(`${input} is empty; list at least one prefix like raw/`);
    for (const p of prefixes) {
        if (!/^([a-z0-9][a-z0-9_-]*\/)+$/.test(p)) throw new Error(`${input}: ${JSON.stringify(p)} must be a prefix of path segments each ending in '/', like raw/ or processed/ap-south-1/`);
    }
}
