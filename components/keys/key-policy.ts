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
import { accountRootArn, AccountContext, PolicyDocument, policyDocument, s3ViaService, uniqueSorted } from "../storage/policy-document";

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
}

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
    ]);
}
