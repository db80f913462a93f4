/**
 * What AWS Config records and judges in each region, as plain data: the detective twin of the
 * policy packs, which judge the same invariants before a deploy. Each managed rule names the pack
 * policies it mirrors; the README's policy table is generated from this list (tools/policy-table.ts)
 * and docs/audit.md maps each control to both.
 *
 * Managed rules and their identifiers: https://docs.aws.amazon.com/config/latest/developerguide/managed-rules-by-aws-config.html
 * Periodic managed rules run every 24 hours unless told otherwise, so none sets a frequency.
 */
import { ROLE_DATA, ROLE_TAG } from "../storage/layout";

/** Tag value of the log archive bucket (`spot-grid:role`). */
export const ROLE_LOG_ARCHIVE = "log-archive";
export const ROLE_AUDIT_KEY = "audit-key";

/** Where a rule runs: every region stack, or only the audit home (account-wide resources: IAM, the trail). */
export type RuleHome = "every-region" | "audit-home";

export interface ManagedRule {
    /** AWS's name of the managed rule, e.g. `s3-bucket-versioning-enabled`. */
    readonly rule: string;
    /** Its source identifier. */
    readonly identifier: string;
    /** The pack policies that judge the same invariant before a deploy. */
    readonly policies: readonly string[];
    readonly home: RuleHome;
    /** Only in a stack whose data bucket replicates to other regions (replicas do not replicate out). */
    readonly replicatingStacksOnly?: boolean;
    /**
     * Resources the rule judges, by `spot-grid:role` tag, when it must not judge every bucket: the
     * server access log bucket is SSE-S3 because S3 log delivery allows nothing else, and log
     * buckets are not themselves access-logged. One rule per value (named `<rule>-<value>`).
     */
    readonly roles?: readonly string[];
    readonly inputParameters?: Readonly<Record<string, string>>;
}

export const MANAGED_RULES: readonly ManagedRule[] = [
    { rule: "s3-bucket-server-side-encryption-enabled", identifier: "S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED", policies: ["s3-bucket-kms-encryption-present"], home: "every-region" },
    { rule: "s3-default-encryption-kms", identifier: "S3_DEFAULT_ENCRYPTION_KMS", policies: ["s3-bucket-kms-encryption"], home: "every-region", roles: [ROLE_DATA, ROLE_LOG_ARCHIVE] },
    { rule: "s3-bucket-public-read-prohibited", identifier: "S3_BUCKET_PUBLIC_READ_PROHIBITED", policies: ["s3-no-public-access", "s3-no-public-access-present"], home: "every-region" },
    { rule: "s3-bucket-ssl-requests-only", identifier: "S3_BUCKET_SSL_REQUESTS_ONLY", policies: ["s3-deny-insecure-transport", "s3-deny-insecure-transport-present"], home: "every-region" },
    { rule: "s3-bucket-versioning-enabled", identifier: "S3_BUCKET_VERSIONING_ENABLED", policies: ["s3-versioning"], home: "every-region" },
    { rule: "s3-bucket-replication-enabled", identifier: "S3_BUCKET_REPLICATION_ENABLED", policies: ["s3-replicated"], home: "every-region", replicatingStacksOnly: true, roles: [ROLE_DATA] },
    { rule: "s3-bucket-logging-enabled", identifier: "S3_BUCKET_LOGGING_ENABLED", policies: ["s3-access-logging"], home: "every-region", roles: [ROLE_DATA, ROLE_LOG_ARCHIVE] },
    { rule: "s3-bucket-default-lock-enabled", identifier: "S3_BUCKET_DEFAULT_LOCK_ENABLED", policies: ["s3-archive-object-lock"], home: "every-region", roles: [ROLE_LOG_ARCHIVE] },
    { rule: "vpc-flow-logs-enabled", identifier: "VPC_FLOW_LOGS_ENABLED", policies: ["vpc-flow-logs"], home: "every-region", inputParameters: { trafficType: "ALL" } },
    { rule: "vpc-default-security-group-closed", identifier: "VPC_DEFAULT_SECURITY_GROUP_CLOSED", policies: ["default-sg-closed", "default-sg-closed-present"], home: "every-region" },
    { rule: "restricted-ssh", identifier: "INCOMING_SSH_DISABLED", policies: ["sg-no-public-ingress"], home: "every-region" },
    // No AuthorizedVpcIds: every attached internet gateway is non-compliant, as the grid has none.
    { rule: "internet-gateway-authorized-vpc-only", identifier: "INTERNET_GATEWAY_AUTHORIZED_VPC_ONLY", policies: ["no-internet-gateway"], home: "every-region" },
    { rule: "ec2-instance-no-public-ip", identifier: "EC2_INSTANCE_NO_PUBLIC_IP", policies: ["no-public-ip"], home: "every-region" },
    { rule: "ec2-imdsv2-check", identifier: "EC2_IMDSV2_CHECK", policies: ["imdsv2-required"], home: "every-region" },
    { rule: "encrypted-volumes", identifier: "ENCRYPTED_VOLUMES", policies: ["ebs-encrypted"], home: "every-region" },
    { rule: "cmk-backing-key-rotation-enabled", identifier: "CMK_BACKING_KEY_ROTATION_ENABLED", policies: ["kms-key-rotation"], home: "every-region" },
    { rule: "cloudwatch-log-group-encrypted", identifier: "CLOUDWATCH_LOG_GROUP_ENCRYPTED", policies: ["logs-encrypted"], home: "every-region" },
    { rule: "sns-encrypted-kms", identifier: "SNS_ENCRYPTED_KMS", policies: ["logs-encrypted"], home: "every-region" },
    { rule: "iam-policy-no-statements-with-admin-access", identifier: "IAM_POLICY_NO_STATEMENTS_WITH_ADMIN_ACCESS", policies: ["iam-no-admin"], home: "audit-home" },
    { rule: "cloudtrail-enabled", identifier: "CLOUD_TRAIL_ENABLED", policies: ["cloudtrail-multi-region"], home: "audit-home" },
    { rule: "multi-region-cloudtrail-enabled", identifier: "MULTI_REGION_CLOUD_TRAIL_ENABLED", policies: ["cloudtrail-multi-region"], home: "audit-home" },
    { rule: "cloud-trail-log-file-validation-enabled", identifier: "CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED", policies: ["cloudtrail-log-validation"], home: "audit-home" },
    { rule: "cloud-trail-encryption-enabled", identifier: "CLOUD_TRAIL_ENCRYPTION_ENABLED", policies: ["cloudtrail-kms"], home: "audit-home" },
];

/** The Config rules that mirror each pack policy, for the README table and docs/audit.md. */
export function configRulesByPolicy(rules: readonly ManagedRule[] = MANAGED_RULES): Map<string, string[]> {
    const map = new Map<string, string[]>();
    for (const r of rules) for (const p of r.policies) map.set(p, [...(map.get(p) ?? []), r.rule]);
    return map;
}

export interface RuleInstance {
    /** Key for the resource and the rule name's suffix: the rule, plus the role it is scoped to. */
    readonly key: string;
    readonly rule: ManagedRule;
    readonly scope?: { readonly tagKey: string; readonly tagValue: string };
}

/** The rules a stack deploys: its region's rules, the account-wide ones in the audit home, one per scoped role. */
export function rulesFor(s: { auditHome: boolean; replicates: boolean }, rules: readonly ManagedRule[] = MANAGED_RULES): RuleInstance[] {
    return rules
        .filter((r) => (r.home === "every-region" || s.auditHome) && (!r.replicatingStacksOnly || s.replicates))
        .flatMap((rule): RuleInstance[] =>
            rule.roles === undefined || rule.roles.length === 0
                ? [{ key: rule.rule, rule }]
                : rule.roles.map((role) => ({ key: rule.roles!.length === 1 ? rule.rule : `${rule.rule}-${role}`, rule, scope: { tagKey: ROLE_TAG, tagValue: role } })),
        );
}

/**
 * What the recorder records: every type the packs judge (the data-protection pack's
 * config-records-judged-types policy checks this), and Config's own compliance items so the
 * rules' history is kept. Supported types: https://docs.aws.amazon.com/config/latest/developerguide/resource-config-reference.html
 * A type supported in at least one Region may be listed in every Region, even one that does not
 * record it yet (https://docs.aws.amazon.com/config/latest/developerguide/select-resources.html),
 * so the same list serves Hyderabad and Ohio.
 */
export const RECORDED_REGIONAL_TYPES: readonly string[] = [
    "AWS::AutoScaling::AutoScalingGroup",
    "AWS::CloudTrail::Trail",
    "AWS::Config::ResourceCompliance",
    "AWS::EC2::CustomerGateway",
    "AWS::EC2::EIP",
    "AWS::EC2::EgressOnlyInternetGateway",
    "AWS::EC2::FlowLog",
    "AWS::EC2::Instance",
    "AWS::EC2::InternetGateway",
    "AWS::EC2::LaunchTemplate",
    "AWS::EC2::NatGateway",
    "AWS::EC2::NetworkAcl",
    "AWS::EC2::RouteTable",
    "AWS::EC2::SecurityGroup",
    "AWS::EC2::SpotFleet",
    "AWS::EC2::Subnet",
    "AWS::EC2::VPC",
    "AWS::EC2::VPCEndpoint",
    "AWS::EC2::VPNConnection",
    "AWS::EC2::VPNGateway",
    "AWS::EC2::Volume",
    "AWS::KMS::Key",
    "AWS::Route53Resolver::ResolverEndpoint",
    "AWS::S3::AccountPublicAccessBlock",
    "AWS::S3::Bucket",
    "AWS::SNS::Topic",
];

/**
 * IAM is global: its configuration items are recorded in one Region only (the audit home), as
 * AWS advises to avoid duplicate items. https://docs.aws.amazon.com/config/latest/developerguide/select-resources.html
 */
export const RECORDED_GLOBAL_TYPES: readonly string[] = ["AWS::IAM::Group", "AWS::IAM::Policy", "AWS::IAM::Role", "AWS::IAM::User"];

export function recordedTypes(auditHome: boolean): string[] {
    return [...RECORDED_REGIONAL_TYPES, ...(auditHome ? RECORDED_GLOBAL_TYPES : [])].sort();
}

/**
 * The EventBridge pattern for "a rule of this stack changed a resource's compliance": to
 * NON_COMPLIANT, or back from it. First evaluations that find a resource compliant are not news.
 * https://docs.aws.amazon.com/config/latest/developerguide/monitor-config-with-cloudwatchevents.html
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html ($or)
 */
export function complianceEventPattern(ruleNamePrefix: string): string {
    return JSON.stringify({
        source: ["aws.config"],
        "detail-type": ["Config Rules Compliance Change"],
        detail: {
            configRuleName: [{ prefix: ruleNamePrefix }],
            $or: [{ newEvaluationResult: { complianceType: ["NON_COMPLIANT"] } }, { oldEvaluationResult: { complianceType: ["NON_COMPLIANT"] } }],
        },
    });
}

/**
 * The service-linked role AWS Config records through (created once per account by AWS, with
 * `aws iam create-service-linked-role --aws-service-name config.amazonaws.com`; only AWS can
 * create a role under `aws-service-role/`, so naming it trusts nothing anyone could squat).
 * https://docs.aws.amazon.com/config/latest/developerguide/using-service-linked-roles.html
 */
export function configServiceLinkedRoleArn(partition: string, accountId: string): string {
    return `arn:${partition}:iam::${accountId}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`;
}
