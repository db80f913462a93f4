/**
 * Key policies as pure documents: the region DATA key (S3 only) and the region EBS key (the
 * workers' volumes and AMI copies only). Two keys, so an EBS grant can never decrypt trading data
 * and an S3 role can never decrypt a volume.
 *
 * - The account (its root principal, i.e. IAM) administers each key but cannot use it: without
 *   this statement a key whose policy names no working admin becomes unmanageable, and only AWS
 *   support can recover it. KEY_ADMIN_ACTIONS holds every action the provider's create, read,
 *   update and refresh call, so the operators (deployer, preview, drift; docs/identity.md) keep
 *   control through their IAM policies. https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
 * - Named roles use the data key only through S3 in its region (kms:ViaService). They are matched
 *   by `aws:PrincipalArn`, which KMS does not validate, so every ARN passed here must name a role
 *   this deploy created first (its ARN comes from the role's output) or a configured role that
 *   was verified to exist (infra/principals.ts): nothing trusts a name someone could create later.
 * - A replica destination's key admits S3 replication by WHAT it does, not by naming another
 *   stack's role: kms:Encrypt through S3 in this region, for this bucket only (encryption context),
 *   for any principal of the account whose own IAM policy allows it (the source stack's
 *   replication role). https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-config-for-kms-objects.html
 */
import { KEY_ADMIN_ACTIONS } from "../lib/operators";
import { accountAdministersKey, accountRootArn, AccountContext, PolicyDocument, policyDocument, PolicyStatement, s3ViaService, uniqueSorted } from "../lib/policy-document";

export { KEY_ADMIN_ACTIONS };

/** What S3 needs for SSE-KMS with bucket keys: GenerateDataKey (write), Decrypt (read), Encrypt (replicas). */
export const KEY_USE_ACTIONS = ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"] as const;

const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;

export interface KeyPolicyArgs extends AccountContext {
    /** Role ARNs that may use the key through S3 (workers, uploader, this stack's replication role, break-glass). */
    readonly keyUserArns: readonly string[];
    /** Set in a replica destination: this region's data bucket, which other regions replicate into. */
    readonly replicaBucketArn?: string;
}

function validateRoleArns(input: string, arns: readonly string[], accountId: string): string[] {
    const problems: string[] = [];
    arns.forEach((arn, i) => {
        if (!ROLE_ARN.test(arn)) problems.push(`${input}[${i}] ${JSON.stringify(arn)} is not an IAM role ARN (arn:aws:iam::<account>:role/<name>)`);
        else if (arn.split(":")[4] !== accountId) problems.push(`${input}[${i}] ${arn} is in another account than ${accountId}; the key grants only its own account's roles`);
    });
    return problems;
}

export function validateKeyPolicyArgs(a: KeyPolicyArgs): string[] {
    const problems: string[] = [];
    if (!/^\d{12}$/.test(a.accountId)) problems.push(`accountId ${JSON.stringify(a.accountId)} must be a 12-digit AWS account id`);
    if (a.keyUserArns.length === 0) problems.push("keyUserArns is empty; without users nobody can read or write the bucket's objects");
    problems.push(...validateRoleArns("keyUserArns", a.keyUserArns, a.accountId));
    if (a.replicaBucketArn !== undefined && !/^arn:aws[a-z-]*:s3:::[a-z0-9.-]{3,63}$/.test(a.replicaBucketArn)) {
        problems.push(`replicaBucketArn ${JSON.stringify(a.replicaBucketArn)} is not a bucket ARN (arn:aws:s3:::<name>)`);
    }
    return problems;
}

/** The region data key: S3 only. */
export function keyPolicyDocument(a: KeyPolicyArgs): PolicyDocument {
    const problems = validateKeyPolicyArgs(a);
    if (problems.length > 0) throw new Error(`key policy: ${problems.join("; ")}`);
    const root = accountRootArn(a);
    const statements: PolicyStatement[] = [
        accountAdministersKey(a),
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
    ];
    if (a.replicaBucketArn !== undefined) {
        statements.push({
            Sid: "ReplicationEncryptsReplicasThroughS3",
            Effect: "Allow",
            Principal: { AWS: root },
            Action: "kms:Encrypt",
            Resource: "*",
            Condition: {
                StringEquals: {
                    "kms:ViaService": s3ViaService(a.region),
                    "kms:CallerAccount": a.accountId,
                    "kms:EncryptionContext:aws:s3:arn": a.replicaBucketArn,
                },
            },
        });
    }
    return policyDocument(statements);
}

/**
 * The service-linked roles that create instances (and so their encrypted EBS volumes) for an Auto
 * Scaling group or a Spot Fleet. Created by AWS only (CreateServiceLinkedRole; the
 * `aws-service-role/` path cannot be used with CreateRole), so naming them trusts no name someone
 * could squat. Without key-policy access launches fail with `Client.InvalidKMSKey.InvalidState`.
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

/**
 * What a principal needs on the destination key to CopyImage an AMI with encryption: EBS
 * encryption's user permissions (CreateGrant, Decrypt, DescribeKey, GenerateDataKeyWithoutPlaintext,
 * ReEncrypt), CreateGrant only for AWS resources.
 * https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption-requirements.html#ebs-encryption-permissions
 */
export const AMI_COPY_ACTIONS = ["kms:Decrypt", "kms:DescribeKey", "kms:GenerateDataKeyWithoutPlaintext", "kms:ReEncryptFrom", "kms:ReEncryptTo"] as const;

/** `ec2.<region>.amazonaws.com`: the `kms:ViaService` of KMS calls EC2 makes for EBS. */
export function ec2ViaService(region: string): string {
    return `ec2.${region}.amazonaws.com`;
}

export interface EbsKeyPolicyArgs extends AccountContext {
    /**
     * Roles that copy AMIs into this region with this key (`compute.amiCopy`): the deployer.
     * Must name a role that exists (the deploying caller, or a verified configured role).
     */
    readonly amiCopyRoleArns?: readonly string[];
}

/**
 * The region EBS key. The launching services' statements carry `kms:ViaService` = EC2 in this
 * region, and their grants `kms:GrantIsForAWSResource`, so the key serves EBS for EC2 here only.
 */
export function ebsKeyPolicyDocument(a: EbsKeyPolicyArgs): PolicyDocument {
    const copiers = a.amiCopyRoleArns ?? [];
    const problems = [
        ...(!/^\d{12}$/.test(a.accountId) ? [`accountId ${JSON.stringify(a.accountId)} must be a 12-digit AWS account id`] : []),
        ...validateRoleArns("amiCopyRoleArns", copiers, a.accountId),
    ];
    if (problems.length > 0) throw new Error(`EBS key policy: ${problems.join("; ")}`);
    const viaEc2 = { "kms:ViaService": ec2ViaService(a.region), "kms:CallerAccount": a.accountId };
    const services = { AWS: ebsLaunchServiceRoleArns(a) };
    const statements: PolicyStatement[] = [
        accountAdministersKey(a),
        { Sid: "LaunchServicesUseKeyForEbs", Effect: "Allow", Principal: services, Action: [...EBS_LAUNCH_ACTIONS], Resource: "*", Condition: { StringEquals: viaEc2 } },
        {
            Sid: "LaunchServicesGrantForEbs",
            Effect: "Allow",
            Principal: services,
            Action: "kms:CreateGrant",
            Resource: "*",
            Condition: { StringEquals: viaEc2, Bool: { "kms:GrantIsForAWSResource": "true" } },
        },
    ];
    if (copiers.length > 0) {
        const named = { StringEquals: viaEc2, ArnEquals: { "aws:PrincipalArn": uniqueSorted(copiers) } };
        statements.push(
            { Sid: "DeployerCopiesAmisThroughEc2", Effect: "Allow", Principal: { AWS: accountRootArn(a) }, Action: [...AMI_COPY_ACTIONS], Resource: "*", Condition: named },
            {
                Sid: "DeployerGrantsForAmiCopies",
                Effect: "Allow",
                Principal: { AWS: accountRootArn(a) },
                Action: "kms:CreateGrant",
                Resource: "*",
                Condition: { ...named, Bool: { "kms:GrantIsForAWSResource": "true" } },
            },
        );
    }
    return policyDocument(statements);
}
