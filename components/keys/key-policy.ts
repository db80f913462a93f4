/**
 * The region key's policy as a pure document.
 *
 * - The account (its root principal, i.e. IAM) may administer the key but not use it: without
 *   this statement a key whose policy names no working admin becomes unmanageable, and only AWS
 *   support can recover it.
 *   https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
 * - Only the named roles may use it, only through S3 in the key's region (kms:ViaService).
 *   The principal is the account root with an `aws:PrincipalArn` condition rather than the role
 *   ARNs themselves: KMS rejects a policy naming a role that does not exist yet, and peers'
 *   replication roles are created after this stack (they deploy later). Each role also needs its
 *   own IAM allow, which scopes it to its bucket (encryption context).
 */
import { accountRootArn, AccountContext, PolicyDocument, policyDocument, PolicyStatement, s3ViaService, uniqueSorted } from "../lib/policy-document";

/** What administrators may do: everything but cryptographic use and grants. Explicit, no wildcards. */
export const KEY_ADMIN_ACTIONS = [
    "kms:CancelKeyDeletion",
    "kms:CreateAlias",
    "kms:DeleteAlias",
    "kms:DescribeKey",
    "kms:DisableKey",
    "kms:DisableKeyRotation",
    "kms:EnableKey",
    "kms:EnableKeyRotation",
    "kms:GetKeyPolicy",
    "kms:GetKeyRotationStatus",
    "kms:ListGrants",
    "kms:ListKeyPolicies",
    "kms:ListKeyRotations",
    "kms:ListResourceTags",
    "kms:PutKeyPolicy",
    "kms:RevokeGrant",
    "kms:RotateKeyOnDemand",
    "kms:ScheduleKeyDeletion",
    "kms:TagResource",
    "kms:UntagResource",
    "kms:UpdateAlias",
    "kms:UpdateKeyDescription",
] as const;

/** What S3 needs for SSE-KMS with bucket keys: GenerateDataKey (write), Decrypt (read), Encrypt (replicas). */
export const KEY_USE_ACTIONS = ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"] as const;

export interface KeyPolicyArgs extends AccountContext {
    /** Role ARNs that may use the key through S3 (workers, uploader, replication roles, break-glass). */
    readonly keyUserArns: readonly string[];
    /**
     * Let the services that launch the Spot workers (the Auto Scaling and EC2 Spot service-linked
     * roles) encrypt the workers' EBS volumes with this key. Set when the key also encrypts the
     * launch template's volumes. @default false
     */
    readonly allowEbsLaunchServices?: boolean;
}

/**
 * The service-linked roles that create instances (and so their encrypted EBS volumes) for an Auto
 * Scaling group or a Spot Fleet. Without key-policy access for them, launches fail with
 * `Client.InvalidKMSKey.InvalidState`.
 * https://docs.aws.amazon.com/autoscaling/ec2/userguide/key-policy-requirements-EBS-encryption.html
 */
export function ebsLaunchServiceRoleArns(ctx: Pick<AccountContext, "partition" | "accountId">): string[] {
    return [
        `arn:${ctx.partition}:iam::${ctx.accountId}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`,
        `arn:${ctx.partition}:iam::${ctx.accountId}:role/aws-service-role/spot.amazonaws.com/AWSServiceRoleForEC2Spot`,
    ];
}

/** The EBS actions AWS documents for launching services; CreateGrant only for AWS resources. */
export const EBS_LAUNCH_ACTIONS = [
    "kms:Decrypt",
    "kms:DescribeKey",
    "kms:Encrypt",
    "kms:GenerateDataKey",
    "kms:GenerateDataKeyWithoutPlaintext",
    "kms:ReEncryptFrom",
    "kms:ReEncryptTo",
] as const;

export function validateKeyPolicyArgs(a: KeyPolicyArgs): string[] {
    const problems: string[] = [];
    if (!/^\d{12}$/.test(a.accountId)) problems.push(`accountId ${JSON.stringify(a.accountId)} must be a 12-digit AWS account id`);
    if (a.keyUserArns.length === 0) problems.push("keyUserArns is empty; without users nobody can read or write the bucket's objects");
    a.keyUserArns.forEach((arn, i) => {
        if (!/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/.test(arn)) problems.push(`keyUserArns[${i}] ${JSON.stringify(arn)} is not an IAM role ARN (arn:aws:iam::<account>:role/<name>)`);
        else if (arn.split(":")[4] !== a.accountId) problems.push(`keyUserArns[${i}] ${arn} is in another account than ${a.accountId}; the key grants only its own account's roles`);
    });
    return problems;
}

export function keyPolicyDocument(a: KeyPolicyArgs): PolicyDocument {
    const problems = validateKeyPolicyArgs(a);
    if (problems.length > 0) throw new Error(`key policy: ${problems.join("; ")}`);
    const root = accountRootArn(a);
    return policyDocument([
        { Sid: "AccountAdministersKey", Effect: "Allow", Principal: { AWS: root }, Action: [...KEY_ADMIN_ACTIONS], Resource: "*" },
        {
            Sid: "NamedRolesUseKeyThroughS3",
            Effect: "Allow",
            Principal: { AWS: root },
            Action: [...KEY_USE_ACTIONS],
            Resource: "*",
            Condition: {
                StringEquals: { "kms:ViaService": s3ViaService(a.region), "kms:CallerAccount": a.accountId },
                ArnEquals: { "aws:PrincipalArn": uniqueSorted(a.keyUserArns) },
            },
        },
        ...(a.allowEbsLaunchServices ? ebsLaunchStatements(a) : []),
    ]);
}

/**
 * These name the service-linked roles themselves: their AWS-managed policies grant no KMS, so the
 * root-principal delegation to IAM used for our own roles would not let them in. KMS rejects a
 * policy naming a role that does not exist, so both roles must exist in the account before the
 * first deploy (they do once Auto Scaling / Spot were used; otherwise see the README).
 */
function ebsLaunchStatements(a: KeyPolicyArgs): PolicyStatement[] {
    const services = { AWS: ebsLaunchServiceRoleArns(a) };
    return [
        { Sid: "LaunchServicesUseKeyForEbs", Effect: "Allow", Principal: services, Action: [...EBS_LAUNCH_ACTIONS], Resource: "*" },
        {
            Sid: "LaunchServicesGrantForEbs",
            Effect: "Allow",
            Principal: services,
            Action: "kms:CreateGrant",
            Resource: "*",
            Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
        },
    ];
}
