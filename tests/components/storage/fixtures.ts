/** A small world for the simulator tests: the three regions' buckets and keys in one account. */
import { keyPolicyDocument } from "../../../components/keys/key-policy";
import { dataBucketPolicy, logBucketPolicy } from "../../../components/storage/bucket-policy";
import { EncryptedBucket } from "../../../components/storage/access-policies";
import { bucketName } from "../../../components/storage/naming";
import { roleArn } from "../../../components/lib/policy-document";
import { ACCESS_LOG_PREFIX } from "../../../components/storage/layout";

export const ACCOUNT = "111122223333";
export const ctx = { partition: "aws", accountId: ACCOUNT };

export function region(stack: string, regionName: string, keyId: string): EncryptedBucket & { name: string } {
    const name = bucketName({ stack, region: regionName, accountId: ACCOUNT, purpose: "data" });
    return { name, bucketArn: `arn:aws:s3:::${name}`, keyArn: `arn:aws:kms:${regionName}:${ACCOUNT}:key/${keyId}`, region: regionName };
}

export const mumbai = region("mumbai", "ap-south-1", "1111aaaa-1111-4111-8111-111111111111");
export const hyderabad = region("hyderabad", "ap-south-2", "2222bbbb-2222-4222-8222-222222222222");
export const ohio = region("ohio", "us-east-2", "3333cccc-3333-4333-8333-333333333333");

export const roles = {
    workers: roleArn(ctx, "spot-grid-workers-ap-south-1"),
    uploader: roleArn(ctx, "spot-grid-uploader-ap-south-1"),
    replication: roleArn(ctx, "spot-grid-replication-ap-south-1"),
    breakGlass: roleArn(ctx, "spot-grid-break-glass"),
    someoneElse: roleArn(ctx, "analytics-team"),
    deployer: roleArn(ctx, "spot-grid-deployer"),
    preview: roleArn(ctx, "spot-grid-preview"),
    drift: roleArn(ctx, "spot-grid-drift"),
};

/** The operators the bucket policies keep the management plane for. */
export const operators = [roles.deployer, roles.preview, roles.drift];

export const GATEWAY_ENDPOINT = "vpce-0a1b2c3d4e5f60718";
export const UPLOAD_ENDPOINT = "vpce-0f1e2d3c4b5a69788";
export const OTHER_ENDPOINT = "vpce-0123456789abcdef0";

/** mumbai: the source; its own replication role reads it from outside the endpoints. */
export const mumbaiBucketPolicy = dataBucketPolicy({
    bucketArn: mumbai.bucketArn,
    keyArn: mumbai.keyArn,
    allowedVpcEndpointIds: [GATEWAY_ENDPOINT, UPLOAD_ENDPOINT],
    operatorArns: operators,
    objectAccessArns: [roles.replication, roles.breakGlass],
    // The primary: the workers' role validates uploads and is the only deleter (incoming/ only).
    incomingDeleterArns: [roles.workers],
});

/**
 * A replica region: it names no role of mumbai's; mumbai's replication role writes replicas by
 * action (s3:Replicate*) from outside its endpoints.
 */
export function replicaBucketPolicy(b: EncryptedBucket) {
    return dataBucketPolicy({ bucketArn: b.bucketArn, keyArn: b.keyArn, allowedVpcEndpointIds: ["vpce-0aaaaaaaaaaaaaaa1"], operatorArns: operators, objectAccessArns: [roles.breakGlass], acceptsReplicas: true });
}

export const mumbaiKeyPolicy = keyPolicyDocument({
    partition: "aws",
    region: "ap-south-1",
    accountId: ACCOUNT,
    keyUserArns: [roles.workers, roles.uploader, roles.replication, roles.breakGlass],
});

export function replicaKeyPolicy(regionName: string, bucket: EncryptedBucket) {
    return keyPolicyDocument({ partition: "aws", region: regionName, accountId: ACCOUNT, keyUserArns: [roles.breakGlass, roleArn(ctx, `spot-grid-workers-${regionName}`)], replicaBucketArn: bucket.bucketArn });
}

export const logBucketArn = `arn:aws:s3:::${bucketName({ stack: "mumbai", region: "ap-south-1", accountId: ACCOUNT, purpose: "logs" })}`;
export const mumbaiLogBucketPolicy = logBucketPolicy({
    logBucketArn,
    accountId: ACCOUNT,
    sourceBucketArns: [mumbai.bucketArn],
    logPrefix: ACCESS_LOG_PREFIX,
    allowedVpcEndpointIds: [GATEWAY_ENDPOINT],
    operatorArns: operators,
    objectAccessArns: [roles.breakGlass],
});
