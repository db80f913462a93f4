/**
 * Policy documents for VPC flow logs delivered to a KMS-encrypted CloudWatch Logs group: the KMS
 * key policy, the delivery role's trust policy and its permissions. Pure functions, tested without mocks.
 *
 * Why CloudWatch Logs rather than S3: the network owns its flow-log destination end to end (an S3
 * destination would be a bucket with its own encryption, versioning, replication and logging
 * obligations, which belong to the data issue), retention is a native setting, and the security
 * team queries it with Logs Insights. The price is a delivery role and a key policy, both below.
 */
import { LOG_RETENTION_DAYS } from "../lib/log-retention";
import { KEY_ADMIN_ACTIONS } from "../lib/operators";
import { logGroupArn } from "../lib/policy-document";
import type { PolicyDocument } from "./endpoint-policies";

/** The retention values CloudWatch Logs accepts (PutRetentionPolicy), in days, for flow-log groups. */
export const FLOW_LOG_RETENTION_DAYS: readonly number[] = LOG_RETENTION_DAYS;

/** One year of flow logs by default: the audit look-back a finance security team usually asks for. */
export const DEFAULT_FLOW_LOG_RETENTION_DAYS = 365;

/** Checks a retention value; returns a message naming the input, or undefined. */
export function validateFlowLogRetentionDays(days: number): string | undefined {
    return FLOW_LOG_RETENTION_DAYS.includes(days)
        ? undefined
        : `flowLogRetentionDays ${JSON.stringify(days)} is not a CloudWatch Logs retention; use one of ${FLOW_LOG_RETENTION_DAYS.join(", ")}`;
}

export interface FlowLogFacts {
    readonly accountId: string;
    readonly partition: string;
    readonly region: string;
}


/**
 * Key policy: the account root (AWS's default statement, which delegates to IAM policies: without
 * it nobody in the account could manage the key) and CloudWatch Logs in this region, only for
 * this one log group (the encryption-context condition).
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html#key-policy-default-allow-root-enable-iam
 */
export function flowLogKeyPolicy(f: FlowLogFacts, logGroupName: string, ...moreLogGroupNames: string[]): PolicyDocument {
    const groups = [logGroupName, ...moreLogGroupNames].map((g) => logGroupArn(f, g));
    return {
        Version: "2012-10-17",
        Statement: [
            {
                // Administration only (every action the provider calls), never use: with `kms:*` here
                // any IAM principal allowed kms:Decrypt could read the flow logs outside CloudWatch
                // Logs. Reading logs needs no KMS permission of the reader: CloudWatch Logs decrypts.
                Sid: "AccountAdministersKeyThroughIam",
                Effect: "Allow",
                Principal: { AWS: `arn:${f.partition}:iam::${f.accountId}:root` },
                Action: [...KEY_ADMIN_ACTIONS],
                Resource: "*",
            },
            {
                Sid: "CloudWatchLogsUsesKeyForThisLogGroupOnly",
                Effect: "Allow",
                Principal: { Service: `logs.${f.region}.amazonaws.com` },
                Action: ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*"],
                Resource: "*",
                // Only the named groups (flow logs, and the VPN tunnel logs when given).
                Condition: { ArnEquals: { "kms:EncryptionContext:aws:logs:arn": groups.length === 1 ? groups[0] : groups } },
            },
        ],
    };
}

/**
 * Trust policy of the delivery role: only the flow-logs service, only on behalf of this account's
 * flow logs in this region (confused-deputy protection).
 * https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html
 */
export function flowLogTrustPolicy(f: FlowLogFacts): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "VpcFlowLogsDeliversForThisAccount",
                Effect: "Allow",
                Principal: { Service: "vpc-flow-logs.amazonaws.com" },
                Action: "sts:AssumeRole",
                Condition: {
                    StringEquals: { "aws:SourceAccount": f.accountId },
                    ArnLike: { "aws:SourceArn": `arn:${f.partition}:ec2:${f.region}:${f.accountId}:vpc-flow-log/*` },
                },
            },
        ],
    };
}

/**
 * What the delivery role may do: write streams into this one log group. `logs:DescribeLogGroups`
 * has no resource-level permissions (IAM's service reference), hence its own `*` statement.
 */
export function flowLogDeliveryPolicy(f: FlowLogFacts, logGroupName: string): PolicyDocument {
    const group = logGroupArn(f, logGroupName);
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "WriteThisLogGroup",
                Effect: "Allow",
                Action: ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"],
                Resource: [group, `${group}:log-stream:*`],
            },
            {
                Sid: "DescribeLogGroupsHasNoResourceLevelPermissions",
                Effect: "Allow",
                Action: "logs:DescribeLogGroups",
                Resource: "*",
            },
        ],
    };
}
