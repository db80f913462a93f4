/**
 * The log archive's bucket policy and key policy, as pure documents.
 *
 * Writers: only the services that deliver logs, each for this account and, where the service sends
 * it, for its own source (aws:SourceAccount, aws:SourceArn: AWS's confused-deputy guard):
 * - CloudTrail (the account trail, audit home only): GetBucketAcl, then PutObject under
 *   `cloudtrail/AWSLogs/<account>/` with bucket-owner-full-control, aws:SourceArn = the trail.
 *   https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html
 * - AWS Config (through its service-linked role, so as the service principal): GetBucketAcl,
 *   ListBucket, PutObject under `config/AWSLogs/<account>/Config/`, aws:SourceAccount.
 *   https://docs.aws.amazon.com/config/latest/developerguide/s3-bucket-policy.html
 * - VPC flow logs (log delivery, `delivery.logs.amazonaws.com`): GetBucketAcl and ListBucket, then
 *   PutObject under the Hive-compatible `vpc-flow-logs/AWSLogs/aws-account-id=<account>/`,
 *   aws:SourceAccount and aws:SourceArn = this Region's log sources of the account.
 *   https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-s3-permissions.html
 * People write nothing: no put, delete, retention change, legal hold or governance bypass on any
 * object, whatever their IAM policy says (an explicit deny; AWS services acting for the bucket
 * are not people: aws:PrincipalIsAWSService). Governance-mode retention can therefore be bypassed
 * only after someone first changes this bucket policy, which the CIS bucket-policy alarm reports.
 *
 * Readers: the configured auditor role (and the break-glass role), reading objects and their lock
 * status, restoring archived ones, and nothing else whatever their IAM policies say (a NotAction
 * deny). Everyone else is denied object reads, operators included.
 * Operators keep the management plane (components/lib/operators.ts) from outside the endpoints, as
 * on every bucket of the stack (docs/identity.md); objects only through this region's S3 endpoints,
 * except for the break-glass role.
 */
import { accountAdministersKey, accountRootArn, AccountContext, PolicyDocument, policyDocument, PolicyStatement, s3ViaService, uniqueSorted } from "../lib/policy-document";
import { denyBucketOutsideEndpoints, denyInsecureTransport, denyObjectsOutsideEndpoints, OutsideEndpointPrincipals, validateDataBucketPolicyArgs } from "../storage/bucket-policy";
import { ARCHIVE_PREFIXES } from "./naming";

export const CLOUDTRAIL_SERVICE = "cloudtrail.amazonaws.com";
export const CONFIG_SERVICE = "config.amazonaws.com";
/** The log-delivery service that writes vended logs (VPC flow logs) to S3. */
export const LOG_DELIVERY_SERVICE = "delivery.logs.amazonaws.com";

/** What the archive's readers may do with objects (S3 authorizes HeadObject as GetObject). */
export const ARCHIVE_READ_ACTIONS = [
    "s3:GetBucketLocation",
    "s3:GetObject",
    "s3:GetObjectLegalHold",
    "s3:GetObjectRetention",
    "s3:GetObjectVersion",
    "s3:ListBucket",
    "s3:ListBucketVersions",
    "s3:RestoreObject",
] as const;

/** Object writes no person may make on the archive: content, deletion, lock and its bypass. */
export const ARCHIVE_TAMPER_ACTIONS = [
    "s3:BypassGovernanceRetention",
    "s3:DeleteObject",
    "s3:DeleteObjectTagging",
    "s3:DeleteObjectVersion",
    "s3:DeleteObjectVersionTagging",
    "s3:PutObject",
    "s3:PutObjectAcl",
    "s3:PutObjectLegalHold",
    "s3:PutObjectRetention",
    "s3:PutObjectVersionAcl",
] as const;

/** Object reads only readers may make (content and versions). */
const OBJECT_CONTENT_READS = ["s3:GetObject", "s3:GetObjectVersion"] as const;

export interface ArchiveBucketPolicyArgs extends OutsideEndpointPrincipals {
    readonly ctx: AccountContext;
    readonly archiveBucketArn: string;
    /** This region's S3 endpoints: the only way in to objects for people. */
    readonly allowedVpcEndpointIds: readonly string[];
    /** Set in the audit home: the account trail (its ARN, known before it exists) delivers here. */
    readonly trailArn?: string;
    /** Roles that read archived logs: the auditor (and break-glass). Verified to exist first. */
    readonly readerArns: readonly string[];
}

const ACL = { "s3:x-amz-acl": "bucket-owner-full-control" };

/** Where each service writes, as object ARN patterns. */
export function archiveDeliveryPaths(archiveBucketArn: string, accountId: string) {
    return {
        cloudTrail: `${archiveBucketArn}/${ARCHIVE_PREFIXES.cloudTrail}/AWSLogs/${accountId}/*`,
        config: `${archiveBucketArn}/${ARCHIVE_PREFIXES.config}/AWSLogs/${accountId}/Config/*`,
        // Hive-compatible prefixes (the flow log's hiveCompatiblePartitions).
        flowLogs: `${archiveBucketArn}/${ARCHIVE_PREFIXES.flowLogs}/AWSLogs/aws-account-id=${accountId}/*`,
    };
}

/** `arn:<p>:logs:<region>:<account>:*`: the log sources VPC flow-log delivery names as aws:SourceArn. */
export function logDeliverySources(ctx: AccountContext): string {
    return `arn:${ctx.partition}:logs:${ctx.region}:${ctx.accountId}:*`;
}

function service(name: string) {
    return { Service: name };
}

/** Problems with the inputs, one line each. */
export function validateArchiveBucketPolicyArgs(a: ArchiveBucketPolicyArgs): string[] {
    const problems = validateDataBucketPolicyArgs(a);
    a.readerArns.forEach((arn, i) => {
        if (!/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/.test(arn)) problems.push(`readerArns[${i}] ${JSON.stringify(arn)} is not an IAM role ARN (arn:aws:iam::<account>:role/<name>)`);
    });
    if (a.trailArn !== undefined && !/^arn:aws[a-z-]*:cloudtrail:[a-z0-9-]+:\d{12}:trail\/[\w.-]+$/.test(a.trailArn)) {
        problems.push(`trailArn ${JSON.stringify(a.trailArn)} is not a trail ARN (arn:aws:cloudtrail:<region>:<account>:trail/<name>)`);
    }
    return problems;
}

export function archiveBucketPolicy(a: ArchiveBucketPolicyArgs): PolicyDocument {
    const problems = validateArchiveBucketPolicyArgs(a);
    if (problems.length > 0) throw new Error(`archive bucket policy: ${problems.join("; ")}`);
    const bucket = a.archiveBucketArn;
    const objects = `${bucket}/*`;
    const account = { "aws:SourceAccount": a.ctx.accountId };
    const paths = archiveDeliveryPaths(bucket, a.ctx.accountId);
    const logSources = { ArnLike: { "aws:SourceArn": logDeliverySources(a.ctx) } };
    const statements: PolicyStatement[] = [denyInsecureTransport(bucket)];
    if (a.trailArn !== undefined) {
        const trail = { "aws:SourceArn": a.trailArn };
        statements.push(
            { Sid: "CloudTrailChecksBucketAcl", Effect: "Allow", Principal: service(CLOUDTRAIL_SERVICE), Action: "s3:GetBucketAcl", Resource: bucket, Condition: { StringEquals: trail } },
            { Sid: "CloudTrailWritesLogs", Effect: "Allow", Principal: service(CLOUDTRAIL_SERVICE), Action: "s3:PutObject", Resource: paths.cloudTrail, Condition: { StringEquals: { ...ACL, ...trail } } },
        );
    }
    statements.push(
        { Sid: "ConfigChecksBucket", Effect: "Allow", Principal: service(CONFIG_SERVICE), Action: ["s3:GetBucketAcl", "s3:ListBucket"], Resource: bucket, Condition: { StringEquals: account } },
        { Sid: "ConfigWritesSnapshots", Effect: "Allow", Principal: service(CONFIG_SERVICE), Action: "s3:PutObject", Resource: paths.config, Condition: { StringEquals: { ...ACL, ...account } } },
        { Sid: "LogDeliveryChecksBucket", Effect: "Allow", Principal: service(LOG_DELIVERY_SERVICE), Action: ["s3:GetBucketAcl", "s3:ListBucket"], Resource: bucket, Condition: { StringEquals: account, ...logSources } },
        { Sid: "LogDeliveryWritesFlowLogs", Effect: "Allow", Principal: service(LOG_DELIVERY_SERVICE), Action: "s3:PutObject", Resource: paths.flowLogs, Condition: { StringEquals: { ...ACL, ...account }, ...logSources } },
    );
    const readers = uniqueSorted(a.readerArns);
    if (readers.length > 0) {
        statements.push({ Sid: "AuditorsReadArchive", Effect: "Allow", Principal: { AWS: readers.length === 1 ? readers[0] : readers }, Action: [...ARCHIVE_READ_ACTIONS], Resource: [bucket, objects] });
    }
    const people = { BoolIfExists: { "aws:PrincipalIsAWSService": "false" } };
    if (readers.length > 0) {
        // Readers read, whatever their own IAM policies allow: no bucket setting, no object write.
        statements.push({ Sid: "DenyAuditorsAnythingButReads", Effect: "Deny", Principal: "*", NotAction: [...ARCHIVE_READ_ACTIONS], Resource: [bucket, objects], Condition: { ArnEquals: { "aws:PrincipalArn": readers } } });
    }
    statements.push(
        // Logs are written by the delivering services and removed by lifecycle only.
        { Sid: "DenyLogTamperingByPrincipals", Effect: "Deny", Principal: "*", Action: [...ARCHIVE_TAMPER_ACTIONS], Resource: objects, Condition: people },
        {
            Sid: "DenyLogReadsExceptAuditors",
            Effect: "Deny",
            Principal: "*",
            Action: [...OBJECT_CONTENT_READS],
            Resource: objects,
            Condition: readers.length > 0 ? { ...people, ArnNotEquals: { "aws:PrincipalArn": readers } } : people,
        },
        denyObjectsOutsideEndpoints(bucket, a.allowedVpcEndpointIds, a, false),
        denyBucketOutsideEndpoints(bucket, a.allowedVpcEndpointIds, a),
    );
    return policyDocument(statements);
}

export interface ArchiveKeyPolicyArgs extends AccountContext {
    readonly archiveBucketArn: string;
    /** Audit home: the trail encrypts its logs and its delivery notifications with this key. */
    readonly trailArn?: string;
    /** Audit home: the trail's CloudWatch Logs group, encrypted with this key. */
    readonly trailLogGroupArn?: string;
    /** Roles that decrypt archived logs through S3 (auditor, break-glass). Verified to exist first. */
    readonly readerArns: readonly string[];
    /**
     * Audit home: roles that create or update the trail (the deployer). CloudTrail documents that,
     * with an S3 Bucket Key on the bucket, creating or updating an SSE-KMS trail needs kms:Decrypt;
     * granted only through S3, for this bucket (its Bucket Key context), where the bucket policy
     * lets them read no object.
     * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html
     */
    readonly trailManagerArns?: readonly string[];
}

/**
 * The archive key. The account administers it through IAM (KEY_ADMIN_ACTIONS: every call the
 * provider makes, never use); each delivering service uses it for its own deliveries only:
 * - CloudTrail: GenerateDataKey* for this account's trails' encryption context, DescribeKey, both
 *   for the account trail only (aws:SourceArn); GenerateDataKey* and Decrypt for the encrypted
 *   delivery-notification topic.
 *   https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail-encrypt.html
 *   https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-permissions-for-sns-notifications.html
 * - AWS Config (service principal, when recording through its service-linked role): Decrypt and
 *   GenerateDataKey, aws:SourceAccount. https://docs.aws.amazon.com/config/latest/developerguide/s3-kms-key-policy.html
 * - Log delivery (flow logs to S3 with SSE-KMS): aws:SourceAccount and this Region's log sources.
 *   https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-logs-infrastructure-V2-S3.html
 * - CloudWatch Logs: the trail's log group only (its ARN in the encryption context).
 *   https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
 */
export function archiveKeyPolicy(a: ArchiveKeyPolicyArgs): PolicyDocument {
    if (!/^\d{12}$/.test(a.accountId)) throw new Error(`archive key policy: accountId ${JSON.stringify(a.accountId)} must be a 12-digit AWS account id`);
    const root = accountRootArn(a);
    const account = { "aws:SourceAccount": a.accountId };
    const statements: PolicyStatement[] = [
        accountAdministersKey(a),
        { Sid: "ConfigEncryptsSnapshots", Effect: "Allow", Principal: service(CONFIG_SERVICE), Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: "*", Condition: { StringEquals: account } },
        {
            Sid: "LogDeliveryEncryptsFlowLogs",
            Effect: "Allow",
            Principal: service(LOG_DELIVERY_SERVICE),
            Action: ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*"],
            Resource: "*",
            Condition: { StringEquals: account, ArnLike: { "aws:SourceArn": logDeliverySources(a) } },
        },
    ];
    if (a.trailArn !== undefined) {
        const trail = { "aws:SourceArn": a.trailArn };
        statements.push(
            {
                Sid: "CloudTrailEncryptsLogs",
                Effect: "Allow",
                Principal: service(CLOUDTRAIL_SERVICE),
                Action: "kms:GenerateDataKey*",
                Resource: "*",
                Condition: { StringEquals: trail, StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": `arn:${a.partition}:cloudtrail:*:${a.accountId}:trail/*` } },
            },
            { Sid: "CloudTrailDescribesKey", Effect: "Allow", Principal: service(CLOUDTRAIL_SERVICE), Action: "kms:DescribeKey", Resource: "*", Condition: { StringEquals: trail } },
            { Sid: "CloudTrailNotifiesThroughEncryptedTopic", Effect: "Allow", Principal: service(CLOUDTRAIL_SERVICE), Action: ["kms:Decrypt", "kms:GenerateDataKey*"], Resource: "*", Condition: { StringEquals: { ...trail, ...account } } },
        );
    }
    if (a.trailLogGroupArn !== undefined) {
        statements.push({
            Sid: "CloudWatchLogsEncryptsTrailLogGroup",
            Effect: "Allow",
            Principal: service(`logs.${a.region}.amazonaws.com`),
            Action: ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*"],
            Resource: "*",
            Condition: { ArnEquals: { "kms:EncryptionContext:aws:logs:arn": a.trailLogGroupArn } },
        });
    }
    const viaS3 = { "kms:ViaService": s3ViaService(a.region), "kms:CallerAccount": a.accountId };
    const readers = uniqueSorted(a.readerArns);
    if (readers.length > 0) {
        // Named directly (not delegated to IAM), like the bucket policy's read grant: the auditor
        // reads with no IAM policy of its own. KMS refuses a policy naming a role that does not
        // exist, and the program looked the role up first (infra/principals.ts).
        statements.push({ Sid: "AuditorsDecryptThroughS3", Effect: "Allow", Principal: { AWS: readers.length === 1 ? readers[0] : readers }, Action: "kms:Decrypt", Resource: "*", Condition: { StringEquals: viaS3 } });
    }
    const managers = uniqueSorted(a.trailManagerArns ?? []);
    if (managers.length > 0) {
        statements.push({
            Sid: "TrailManagersDecryptBucketKeyThroughS3",
            Effect: "Allow",
            Principal: { AWS: root },
            Action: "kms:Decrypt",
            Resource: "*",
            Condition: { StringEquals: { ...viaS3, "kms:EncryptionContext:aws:s3:arn": a.archiveBucketArn }, ArnEquals: { "aws:PrincipalArn": managers } },
        });
    }
    return policyDocument(statements);
}
