/**
 * Bucket policies of the data layer, as pure documents.
 *
 * Two planes, two rules (docs/identity.md):
 * - Data plane (objects): only through this region's S3 endpoints. Exceptions: AWS services
 *   acting for the bucket, the roles whose object access S3 itself runs outside any VPC (this
 *   stack's replication role reading the source) and the configured break-glass role. Replicas
 *   written by another region's replication role are admitted by ACTION (s3:Replicate*), not by
 *   naming a role this stack did not create.
 * - Management plane (the bucket itself): through the endpoints, or by the named operators
 *   (deployer, preview, drift), who run `pulumi up/preview/refresh` from outside the VPC and must
 *   keep every action the provider calls (components/lib/operators.ts). Operators get NO object
 *   access from outside the endpoints.
 * Every principal named here is created by this deploy first (its ARN is an output) or is a
 * configured principal verified to exist (infra/principals.ts).
 *
 * Data bucket: also denies non-TLS and any upload that would not end up SSE-KMS with the region key.
 * Log bucket: lets S3 server access logging deliver; objects are append-only for people.
 */
import { PolicyDocument, policyDocument, PolicyStatement, uniqueSorted } from "../lib/policy-document";
import { INCOMING_PREFIX } from "./layout";

const ENDPOINT_ID = /^vpce-[0-9a-f]{8,17}$/;
const IAM_PRINCIPAL_ARN = /^arn:aws[a-z-]*:iam::\d{12}:(role|user)\/[\w+=,.@/-]+$/;

/** Service principal that delivers S3 server access logs. */
export const LOGGING_SERVICE_PRINCIPAL = "logging.s3.amazonaws.com";

/**
 * The permissions S3 replication checks on the destination; no S3 API other than replication
 * (live or Batch Replication) is authorized by them, so exempting them from the endpoint rule
 * opens nothing to people. The replicating role still needs them in its own IAM policy, and the
 * destination key's policy decides whether it may encrypt.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/setting-repl-config-perm-overview.html
 */
export const REPLICA_WRITE_ACTIONS = ["s3:ReplicateDelete", "s3:ReplicateObject", "s3:ReplicateTags"] as const;

/** Who may reach the bucket from outside the endpoints, and for what. */
export interface OutsideEndpointPrincipals {
    /** Manage the bucket (bucket-level actions only): deployer, preview, drift. */
    readonly operatorArns: readonly string[];
    /** Objects and bucket: this stack's replication role (source side) and the break-glass role. */
    readonly objectAccessArns: readonly string[];
}

export interface DataBucketPolicyArgs extends OutsideEndpointPrincipals {
    readonly bucketArn: string;
    /** The region key: the only key uploads may name. */
    readonly keyArn: string;
    /** This region's S3 endpoints (gateway for the VPC, interface for on-prem); at least one. */
    readonly allowedVpcEndpointIds: readonly string[];
    /** Other regions replicate into this bucket: admit s3:Replicate* from outside the endpoints. */
    readonly acceptsReplicas?: boolean;
    /**
     * The validator role(s): the only principals that may delete, and only uploads under
     * `incoming/` once validated. Empty (a stack that is not the primary): nobody deletes.
     * @default []
     */
    readonly incomingDeleterArns?: readonly string[];
}

/** Deny plain HTTP. https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html */
export function denyInsecureTransport(bucketArn: string): PolicyStatement {
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
 * "Not through our endpoints, not an AWS service acting for the bucket, and not one of `exempt`".
 * All conditions of a Deny must hold, so each exception is one more condition.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies-vpc-endpoint.html
 */
function outsideEndpoints(endpointIds: readonly string[], exempt: readonly string[]): Record<string, Record<string, string | string[]>> {
    const condition: Record<string, Record<string, string | string[]>> = {
        StringNotEquals: { "aws:SourceVpce": uniqueSorted(endpointIds) },
        BoolIfExists: { "aws:PrincipalIsAWSService": "false" },
    };
    if (exempt.length > 0) condition.ArnNotEquals = { "aws:PrincipalArn": uniqueSorted(exempt) };
    return condition;
}

/**
 * The data plane: object requests that did not come through the endpoints are denied, operators
 * included. With `acceptsReplicas`, replica writes (s3:Replicate*) are not part of the rule.
 */
export function denyObjectsOutsideEndpoints(bucketArn: string, endpointIds: readonly string[], p: OutsideEndpointPrincipals, acceptsReplicas: boolean): PolicyStatement {
    const actions = acceptsReplicas ? { NotAction: [...REPLICA_WRITE_ACTIONS] } : { Action: "s3:*" };
    return {
        Sid: "DenyObjectAccessOutsideVpcEndpoints",
        Effect: "Deny",
        Principal: "*",
        ...actions,
        Resource: `${bucketArn}/*`,
        Condition: outsideEndpoints(endpointIds, p.objectAccessArns),
    };
}

/** The management plane: bucket-level requests from outside the endpoints only by operators. */
export function denyBucketOutsideEndpoints(bucketArn: string, endpointIds: readonly string[], p: OutsideEndpointPrincipals): PolicyStatement {
    return {
        Sid: "DenyBucketAccessOutsideVpcEndpointsExceptOperators",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: bucketArn,
        Condition: outsideEndpoints(endpointIds, [...p.operatorArns, ...p.objectAccessArns]),
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

/**
 * Nothing is lost: nobody deletes an object version (lifecycle expires old versions; it is not a
 * request and no bucket policy applies to it), nobody deletes an object outside `incoming/`, and
 * under `incoming/` only the validator, once it has copied the upload to `raw/` or `rejected/`.
 * A DeleteObject on a versioned bucket only adds a delete marker, so even that delete keeps the
 * upload's version. Deny statements bind every principal of every account, break-glass included;
 * AWS services acting for the bucket are not people and stay out of it.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/DeletingObjectVersions.html
 */
function denyDeletes(bucketArn: string, incomingDeleterArns: readonly string[]): PolicyStatement[] {
    const people = { BoolIfExists: { "aws:PrincipalIsAWSService": "false" } };
    const incoming = `${bucketArn}/${INCOMING_PREFIX}*`;
    return [
        { Sid: "DenyObjectVersionDeletes", Effect: "Deny", Principal: "*", Action: "s3:DeleteObjectVersion", Resource: `${bucketArn}/*`, Condition: people },
        { Sid: "DenyDeletesOutsideIncoming", Effect: "Deny", Principal: "*", Action: "s3:DeleteObject", NotResource: incoming, Condition: people },
        {
            Sid: incomingDeleterArns.length > 0 ? "DenyIncomingDeletesExceptValidator" : "DenyIncomingDeletes",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:DeleteObject",
            Resource: incoming,
            Condition: incomingDeleterArns.length > 0 ? { ...people, ArnNotEquals: { "aws:PrincipalArn": uniqueSorted(incomingDeleterArns) } } : people,
        },
    ];
}

/** Problems with the bucket policy inputs, one line each (empty when valid). */
export function validateDataBucketPolicyArgs(a: Pick<DataBucketPolicyArgs, "allowedVpcEndpointIds" | "operatorArns" | "objectAccessArns" | "incomingDeleterArns">): string[] {
    const problems: string[] = [];
    if (a.allowedVpcEndpointIds.length === 0) {
        problems.push("allowedVpcEndpointIds is empty; list this region's S3 endpoint ids (vpce-...), or every object request is denied");
    }
    a.allowedVpcEndpointIds.forEach((id, i) => {
        if (!ENDPOINT_ID.test(id)) problems.push(`allowedVpcEndpointIds[${i}] ${JSON.stringify(id)} is not a VPC endpoint id (vpce- and 8 or 17 hex digits)`);
    });
    for (const [input, list] of [["operatorArns", a.operatorArns], ["objectAccessArns", a.objectAccessArns], ["incomingDeleterArns", a.incomingDeleterArns ?? []]] as const) {
        list.forEach((arn, i) => {
            if (!IAM_PRINCIPAL_ARN.test(arn)) problems.push(`${input}[${i}] ${JSON.stringify(arn)} is not an IAM role or user ARN (arn:aws:iam::<account>:role/<name>)`);
        });
    }
    return problems;
}

export function dataBucketPolicy(a: DataBucketPolicyArgs): PolicyDocument {
    const problems = validateDataBucketPolicyArgs(a);
    if (problems.length > 0) throw new Error(`data bucket policy: ${problems.join("; ")}`);
    return policyDocument([
        denyInsecureTransport(a.bucketArn),
        ...denyUploadsNotUnderKey(a.bucketArn, a.keyArn),
        ...denyDeletes(a.bucketArn, a.incomingDeleterArns ?? []),
        denyObjectsOutsideEndpoints(a.bucketArn, a.allowedVpcEndpointIds, a, a.acceptsReplicas ?? false),
        denyBucketOutsideEndpoints(a.bucketArn, a.allowedVpcEndpointIds, a),
    ]);
}

export interface LogBucketPolicyArgs extends OutsideEndpointPrincipals {
    readonly logBucketArn: string;
    readonly accountId: string;
    /** Buckets whose server access logs land here (aws:SourceArn of the delivery). */
    readonly sourceBucketArns: readonly string[];
    /** Key prefix the logs are delivered under (`TargetPrefix`). */
    readonly logPrefix: string;
    readonly allowedVpcEndpointIds: readonly string[];
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
        denyObjectsOutsideEndpoints(a.logBucketArn, a.allowedVpcEndpointIds, a, false),
        denyBucketOutsideEndpoints(a.logBucketArn, a.allowedVpcEndpointIds, a),
    ]);
}
