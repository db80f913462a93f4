/**
 * Operators: the principals that deploy, preview and check for drift from OUTSIDE the VPC, and so
 * must keep the management plane of every bucket and key they deploy. Shared by the storage,
 * keys and operations components (and by the later audit/log-archive work) so every resource
 * policy grants the same principals the same management actions.
 *
 * The action lists are the calls the AWS provider (terraform-provider-aws, which @pulumi/aws
 * wraps) makes to create, read (refresh), update and delete-protect each resource, mapped to
 * their IAM action names. They are the one place tests and policies take them from.
 */

/** Who operates the stack. Every ARN names a principal that exists (see docs/identity.md). */
export interface OperatorPrincipals {
    /** Runs `pulumi up`. */
    readonly deployerRoleArn?: string;
    /** The pull-request `pulumi preview` role (read only). */
    readonly previewRoleArn?: string;
    /** The nightly drift role (`pulumi refresh --preview-only`, read only). */
    readonly driftRoleArn?: string;
}

/** The operator ARNs that are set, sorted and de-duplicated (policy documents must be stable). */
export function operatorArns(o: OperatorPrincipals): string[] {
    return [...new Set([o.deployerRoleArn, o.previewRoleArn, o.driftRoleArn].filter((a): a is string => !!a))].sort();
}

/**
 * What the provider's Read of a bucket calls, and so what `pulumi refresh`, the drift job and every
 * `pulumi preview`/`up` of an existing bucket need. HeadBucket is authorized as s3:ListBucket.
 * resourceBucketRead: HeadBucket, GetBucketPolicy, GetBucketAcl, GetBucketCors, GetBucketWebsite,
 * GetBucketVersioning, GetBucketAccelerateConfiguration, GetBucketRequestPayment,
 * GetBucketLogging, GetBucketLifecycleConfiguration, GetBucketReplication, GetBucketEncryption,
 * GetObjectLockConfiguration, GetBucketLocation (region), GetBucketTagging.
 * https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/s3/bucket.go
 * Split resources read their own setting: public access block, ownership controls.
 * IAM names: https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html
 */
export const PROVIDER_BUCKET_READ_ACTIONS = [
    "s3:GetAccelerateConfiguration",
    "s3:GetBucketAcl",
    "s3:GetBucketCORS",
    "s3:GetBucketLocation",
    "s3:GetBucketLogging",
    "s3:GetBucketObjectLockConfiguration",
    "s3:GetBucketOwnershipControls",
    "s3:GetBucketPolicy",
    "s3:GetBucketPublicAccessBlock",
    "s3:GetBucketRequestPayment",
    "s3:GetBucketTagging",
    "s3:GetBucketVersioning",
    "s3:GetBucketWebsite",
    "s3:GetEncryptionConfiguration",
    "s3:GetLifecycleConfiguration",
    "s3:GetReplicationConfiguration",
    "s3:ListBucket",
] as const;

/** What create and update of the bucket and its split settings call (the deployer only). */
export const PROVIDER_BUCKET_WRITE_ACTIONS = [
    "s3:CreateBucket",
    "s3:PutBucketLogging",
    // BucketObjectLockConfiguration (the log archive's default retention).
    "s3:PutBucketObjectLockConfiguration",
    "s3:PutBucketOwnershipControls",
    "s3:PutBucketPolicy",
    "s3:PutBucketPublicAccessBlock",
    "s3:PutBucketTagging",
    "s3:PutBucketVersioning",
    "s3:PutEncryptionConfiguration",
    "s3:PutLifecycleConfiguration",
    "s3:PutReplicationConfiguration",
] as const;

/**
 * What the provider's trail resource calls (create, read/refresh, update, tags, logging on/off,
 * delete): the deployer manages the account trail with these; preview and drift read it.
 * https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/cloudtrail/trail.go
 */
export const PROVIDER_TRAIL_READ_ACTIONS = ["cloudtrail:DescribeTrails", "cloudtrail:GetEventSelectors", "cloudtrail:GetInsightSelectors", "cloudtrail:GetTrail", "cloudtrail:GetTrailStatus", "cloudtrail:ListTags"] as const;

export const PROVIDER_TRAIL_WRITE_ACTIONS = [
    "cloudtrail:AddTags",
    "cloudtrail:CreateTrail",
    "cloudtrail:DeleteTrail",
    "cloudtrail:PutEventSelectors",
    "cloudtrail:PutInsightSelectors",
    "cloudtrail:RemoveTags",
    "cloudtrail:StartLogging",
    "cloudtrail:StopLogging",
    "cloudtrail:UpdateTrail",
] as const;

/**
 * What the provider's key and alias resources call on the key: Read (DescribeKey, GetKeyPolicy,
 * GetKeyRotationStatus, ListResourceTags), Update (PutKeyPolicy, Enable/DisableKeyRotation,
 * UpdateKeyDescription, Tag/UntagResource, Enable/DisableKey), aliases (Create/Update/DeleteAlias)
 * and, if ever unprotected and destroyed, ScheduleKeyDeletion.
 * https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/kms/key.go
 * kms:CreateKey and kms:ListAliases authorize against no key (IAM only), so no key policy grants them.
 */
export const PROVIDER_KEY_READ_ACTIONS = ["kms:DescribeKey", "kms:GetKeyPolicy", "kms:GetKeyRotationStatus", "kms:ListResourceTags"] as const;

export const PROVIDER_KEY_WRITE_ACTIONS = [
    "kms:CreateAlias",
    "kms:DeleteAlias",
    "kms:DisableKey",
    "kms:DisableKeyRotation",
    "kms:EnableKey",
    "kms:EnableKeyRotation",
    "kms:PutKeyPolicy",
    "kms:ScheduleKeyDeletion",
    "kms:TagResource",
    "kms:UntagResource",
    "kms:UpdateAlias",
    "kms:UpdateKeyDescription",
] as const;

/**
 * What a key administrator may do: everything the provider needs plus grant hygiene and recovery
 * (cancel a scheduled deletion), never cryptographic use. Granted to the account (delegated to
 * IAM), so any operator whose IAM policy allows it keeps control; nobody can be locked out by a
 * key policy that forgets an action the provider calls.
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
 */
export const KEY_ADMIN_ACTIONS: readonly string[] = [
    ...new Set([
        ...PROVIDER_KEY_READ_ACTIONS,
        ...PROVIDER_KEY_WRITE_ACTIONS,
        "kms:CancelKeyDeletion",
        "kms:GetKeyRotationStatus",
        "kms:ListGrants",
        "kms:ListKeyPolicies",
        "kms:ListKeyRotations",
        "kms:RevokeGrant",
        "kms:RotateKeyOnDemand",
    ]),
].sort();

/**
 * What the provider's queue and queue-policy resources call (create, read/refresh, update, tags,
 * delete), so operators keep the management plane of every queue. The queue policies deny only the
 * data plane (messages) outside the SQS endpoint, so these stay with the operators' IAM policies.
 * https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/sqs/queue.go
 * IAM names: https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsqs.html
 */
export const PROVIDER_QUEUE_READ_ACTIONS = ["sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:ListQueueTags"] as const;

export const PROVIDER_QUEUE_WRITE_ACTIONS = ["sqs:CreateQueue", "sqs:DeleteQueue", "sqs:SetQueueAttributes", "sqs:TagQueue", "sqs:UntagQueue"] as const;
