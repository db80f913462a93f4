/**
 * Bucket policies of the data layer, as pure documents.
 *
 * Data bucket: deny non-TLS; deny any upload that would not end up SSE-KMS with the region key;
 * deny access that does not come through this region's VPC endpoints, except named principals
 * (replication roles writing replicas from other regions, the break-glass role) so nobody is
 * locked out. Allows nothing by itself: access comes from the callers' identity policies.
 *
 * Log bucket: lets S3 server access logging deliver, denies non-TLS, off-endpoint access and any
 * write or delete by people (audit logs are append-only for the logging service).
 */
import { PolicyDocument, policyDocument, PolicyStatement, uniqueSorted } from "../lib/policy-document";

const ENDPOINT_ID = /^vpce-[0-9a-f]{8,17}$/;
const IAM_PRINCIPAL_ARN = /^arn:aws[a-z-]*:iam::\d{12}:(role|user)\/[\w+=,.@/-]+$/;

/** Service principal that delivers S3 server access logs. */
export const LOGGING_SERVICE_PRINCIPAL = "logging.s3.amazonaws.com";

export interface DataBucketPolicyArgs {
    readonly bucketArn: string;
    /** The region key: the only key uploads may name. */
    readonly keyArn: string;
    /** This region's S3 endpoints (gateway for the VPC, interface for on-prem); at least one. */
    readonly allowedVpcEndpointIds: readonly string[];
    /** Principals (role ARNs) that may reach the bucket from outside the endpoints. */
    readonly exemptPrincipalArns: readonly string[];
}

/** Deny plain HTTP. https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html */
function denyInsecureTransport(bucketArn: string): PolicyStatement {
    return {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [bucketArn, `${bucketArn}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
    };
}

/**
 * Deny requests that did not arrive through one of `endpointIds`, unless the caller is one of
 * `exempt` or an AWS service acting for the bucket (those still need an Allow to do anything).
 * All conditions of a Deny must hold, so each exception is one more condition.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies-vpc-endpoint.html
 */
function denyOutsideEndpoints(bucketArn: string, endpointIds: readonly string[], exempt: readonly string[]): PolicyStatement {
    const condition: Record<string, Record<string, string | string[]>> = {
        StringNotEquals: { "aws:SourceVpce": uniqueSorted(endpointIds) },
        BoolIfExists: { "aws:PrincipalIsAWSService": "false" },
    };
    if (exempt.length > 0) condition.ArnNotEquals = { "aws:PrincipalArn": uniqueSorted(exempt) };
    return {
        Sid: "DenyAccessOutsideVpcEndpoints",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [bucketArn, `${bucketArn}/*`],
        Condition: condition,
    };
}

/**
 * Uploads must end up SSE-KMS with our key. We deny a *wrong* header rather than a *missing* one:
 * default encryption (our key, bucket keys on) covers a request without encryption headers, and
 * UploadPart requests of a multipart upload never carry them, so "header required" would break
 * every multipart upload (https://github.com/boto/botocore/issues/471,
 * https://github.com/aws/aws-cli/issues/4251). What would escape the default is denied:
 * another algorithm (SSE-S3, DSSE), `aws:kms` without a key id (S3 then uses the AWS managed
 * `aws/s3` key, not the bucket default: see PutObject's x-amz-server-side-encryption-aws-kms-key-id),
 * another key, and customer-provided keys (SSE-C).
 */
function denyUploadsNotUnderKey(bucketArn: string, keyArn: string): PolicyStatement[] {
    const objects = `${bucketArn}/*`;
    return [
        {
            Sid: "DenyNonKmsEncryptionHeader",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:PutObject",
            Resource: objects,
            Condition: {
                StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" },
                Null: { "s3:x-amz-server-side-encryption": "false" },
            },
        },
        {
            Sid: "DenyKmsWithoutRegionKeyId",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:PutObject",
            Resource: objects,
            Condition: {
                StringEquals: { "s3:x-amz-server-side-encryption": "aws:kms" },
                Null: { "s3:x-amz-server-side-encryption-aws-kms-key-id": "true" },
            },
        },
        {
            Sid: "DenyOtherKmsKey",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:PutObject",
            Resource: objects,
            Condition: {
                StringNotEquals: { "s3:x-amz-server-side-encryption-aws-kms-key-id": keyArn },
                Null: { "s3:x-amz-server-side-encryption-aws-kms-key-id": "false" },
            },
        },
        {
            Sid: "DenyCustomerProvidedKeys",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:PutObject",
            Resource: objects,
            Condition: { Null: { "s3:x-amz-server-side-encryption-customer-algorithm": "false" } },
        },
    ];
}

/** Problems with the data bucket policy inputs, one line each (empty when valid). */
export function validateDataBucketPolicyArgs(a: Pick<DataBucketPolicyArgs, "allowedVpcEndpointIds" | "exemptPrincipalArns">): string[] {
    const problems: string[] = [];
    if (a.allowedVpcEndpointIds.length === 0) {
        problems.push("allowedVpcEndpointIds is empty; list this region's S3 endpoint ids (vpce-...), or every request but the exempt principals' is denied");
    }
    a.allowedVpcEndpointIds.forEach((id, i) => {
        if (!ENDPOINT_ID.test(id)) problems.push(`allowedVpcEndpointIds[${i}] ${JSON.stringify(id)} is not a VPC endpoint id (vpce- and 8 or 17 hex digits)`);
    });
    a.exemptPrincipalArns.forEach((arn, i) => {
        if (!IAM_PRINCIPAL_ARN.test(arn)) problems.push(`exemptPrincipalArns[${i}] ${JSON.stringify(arn)} is not an IAM role or user ARN (arn:aws:iam::<account>:role/<name>)`);
    });
    return problems;
}

export function dataBucketPolicy(a: DataBucketPolicyArgs): PolicyDocument {
    const problems = validateDataBucketPolicyArgs(a);
    if (problems.length > 0) throw new Error(`data bucket policy: ${problems.join("; ")}`);
    return policyDocument([
        denyInsecureTransport(a.bucketArn),
        ...denyUploadsNotUnderKey(a.bucketArn, a.keyArn),
        denyOutsideEndpoints(a.bucketArn, a.allowedVpcEndpointIds, a.exemptPrincipalArns),
    ]);
}

export interface LogBucketPolicyArgs {
    readonly logBucketArn: string;
    readonly accountId: string;
    /** Buckets whose server access logs land here (aws:SourceArn of the delivery). */
    readonly sourceBucketArns: readonly string[];
    /** Key prefix the logs are delivered under (`TargetPrefix`). */
    readonly logPrefix: string;
    readonly allowedVpcEndpointIds: readonly string[];
    readonly exemptPrincipalArns: readonly string[];
}

/**
 * Server access logging writes as the `logging.s3.amazonaws.com` service principal; bucket
 * policies (not ACLs) grant it because the log bucket enforces object ownership (ACLs off).
 * aws:SourceArn/aws:SourceAccount stop other buckets (or accounts) from logging into ours.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html#grant-log-delivery-permissions-general
 */
export function logBucketPolicy(a: LogBucketPolicyArgs): PolicyDocument {
    const problems = validateDataBucketPolicyArgs(a);
    if (a.sourceBucketArns.length === 0) problems.push("sourceBucketArns is empty; name the buckets that log here");
    if (problems.length > 0) throw new Error(`log bucket policy: ${problems.join("; ")}`);
    const logs = `${a.logBucketArn}/${a.logPrefix}*`;
    return policyDocument([
        {
            Sid: "AllowServerAccessLogDelivery",
            Effect: "Allow",
            Principal: { Service: LOGGING_SERVICE_PRINCIPAL },
            Action: "s3:PutObject",
            Resource: logs,
            Condition: {
                ArnLike: { "aws:SourceArn": uniqueSorted(a.sourceBucketArns) },
                StringEquals: { "aws:SourceAccount": a.accountId },
            },
        },
        denyInsecureTransport(a.logBucketArn),
        {
            // Audit logs are written by the logging service only and removed by lifecycle only.
            Sid: "DenyLogTamperingByPrincipals",
            Effect: "Deny",
            Principal: "*",
            Action: ["s3:PutObject", "s3:DeleteObject", "s3:DeleteObjectVersion"],
            Resource: `${a.logBucketArn}/*`,
            Condition: { BoolIfExists: { "aws:PrincipalIsAWSService": "false" } },
        },
        denyOutsideEndpoints(a.logBucketArn, a.allowedVpcEndpointIds, a.exemptPrincipalArns),
    ]);
}
