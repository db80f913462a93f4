/** Compliant fixtures for the encryption pack's tests; each test changes one thing. */
export const CMK = "arn:aws:kms:ap-south-1:111122223333:key/0d8e0c9a-6b7f-4e5d-8c3b-2a1f0e9d8c7b";
export const SSE_TYPE = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
export const SSE_V2_TYPE = "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2";
export const BUCKET = "aws:s3/bucket:Bucket";
export const BUCKET_V2 = "aws:s3/bucketV2:BucketV2";

export function kmsRule(over: Record<string, unknown> = {}, byDefault: Record<string, unknown> = {}): Record<string, unknown> {
    return { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: CMK, ...byDefault }, bucketKeyEnabled: true, ...over };
}

export const TLS_POLICY = {
    Version: "2012-10-17",
    Statement: [
        {
            Sid: "DenyInsecureTransport",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:*",
            Resource: ["arn:aws:s3:::data", "arn:aws:s3:::data/*"],
            Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
    ],
};
