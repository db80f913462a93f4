/**
 * The spot-grid program: validated stack config -> one RegionalGrid -> stack outputs.
 * Thin on purpose: all planning lives in components/ and infra/config/.
 */
import * as aws from "../components/lib/aws";
import { RegionalGrid } from "../components/grid";
import { standardTags } from "../components/lib/tags";
import * as pulumi from "@pulumi/pulumi";
import { availabilityZoneNames, PROJECT, stackWarnings } from "./config";
import { auditArgs } from "./audit";
import { flowArgs, regionalDataArgs } from "./data";
import { queueName } from "../components/flow/naming";
import { offeredInstanceTypes } from "./instance-types";
import { stackPrincipals } from "./principals";
import { readProgramConfig } from "./program-config";

const { config, stacks, compute } = readProgramConfig();
// Under `pulumi preview/up` the engine shows these; the offline tools (which point
// SPOT_GRID_STACKS_DIR at their stack files) print them once themselves, and a failed run's stderr
// must stay the one line that names the mistake.
if (process.env.SPOT_GRID_STACKS_DIR === undefined) for (const warning of stackWarnings(config, stacks)) pulumi.log.warn(warning);
const tags = standardTags({ project: PROJECT, stack: config.stack, region: config.region, owner: config.owner, costCentre: config.costCentre });

/**
 * One explicit provider per stack carries the region and the default tags, so every resource is
 * tagged for cost and ownership reports and the tags are visible to policies and plans.
 */
const provider = new aws.Provider(`aws-${config.region}`, {
    region: config.region as aws.Region,
    defaultTags: { tags },
});

const principals = stackPrincipals(config, provider);

// The region table's order is append-only, so AZ i keeps subnet slot i (config validation
// uses the same table for "more AZs than the region has").
const azNames = availabilityZoneNames(config.region).slice(0, config.network.availabilityZones);

const grid = new RegionalGrid(
    config.stack,
    {
        stack: config.stack,
        region: config.region,
        principals,
        operations: { subscriptions: config.operations.subscriptions },
        network: {
            cidrBlock: config.network.cidr,
            availabilityZones: azNames,
            subnetSlots: config.network.subnetSlots,
            flowLogRetentionDays: config.network.flowLogRetentionDays,
            onPremCidrs: config.onPrem.cidrs,
            onPremGatewayIp: config.onPrem.gatewayIp,
            onPremBgpAsn: config.onPrem.bgpAsn,
            vpnRouting: config.network.vpn.routing,
            amazonSideAsn: config.network.vpn.amazonSideAsn,
            tunnelInsideCidrs: config.network.vpn.tunnelInsideCidrs,
            interfaceEndpoints: config.network.interfaceEndpoints,
            extraS3BucketArns: config.network.extraS3BucketArns,
            onPremPorts: config.network.onPremPorts,
        },
        data: regionalDataArgs(config, stacks, provider, principals),
        flow: flowArgs(config, stacks, principals),
        // Launched instances and volumes do not get the provider's default tags: stamp them.
        compute: {
            ...compute,
            tags,
            capacityAlarmMinutes: config.operations.capacityAlarmMinutes,
            protect: config.storage.protect,
            backlogScaling: config.flow.scaling.onBacklog
                ? { queueName: queueName(config.stack, "jobs"), backlogPerInstance: config.flow.scaling.backlogPerInstance, instanceWarmupSeconds: config.flow.scaling.instanceWarmupSeconds }
                : undefined,
        },
        audit: auditArgs(config, stacks),
    },
    { providers: { aws: provider } },
);

export const region = grid.region;

// Principals received as config (or the deploying caller), each verified to exist (or, on-prem ones of
// another account, validated by IAM when the trust policy is saved): the only
// principals outside this stack its policies may trust (policy iam-trust-known-principals).
export const configuredPrincipalArns = principals.configuredPrincipalArns;
export const operatorRoleArns = principals.operatorArns;
export const operationsTopicArn = grid.operations.topicArn;

// Network: for peer stacks, tools, and on-prem's firewall and DNS teams.
export const vpcId = grid.network.vpcId;
export const vpcCidr = grid.network.vpcCidr;
export const availabilityZones = grid.network.availabilityZones;
export const privateSubnetIds = grid.network.privateSubnetIds;
export const subnetIdsByAz = grid.network.subnetIdsByAz;
export const routeTableIds = grid.network.routeTableIds;
export const flowLogId = grid.network.flowLogId;
export const vpnConnectionId = grid.network.vpnConnectionId;
export const vpnGatewayId = grid.network.vpnGatewayId;
export const vpnTunnelAddresses = grid.network.vpnTunnelAddresses;
export const s3GatewayEndpointId = grid.network.s3GatewayEndpointId;
export const s3PrefixListId = grid.network.s3PrefixListId;
export const s3InterfaceEndpointId = grid.network.s3InterfaceEndpointId;
export const onPremUploadEndpointDnsName = grid.network.onPremUploadEndpointDnsName;
export const interfaceEndpointIds = grid.network.interfaceEndpointIds;
export const interfaceEndpointDnsNames = grid.network.interfaceEndpointDnsNames;
export const endpointSecurityGroupId = grid.network.endpointSecurityGroupId;
export const resolverEndpointId = grid.network.resolverEndpointId;
export const resolverIpAddresses = grid.network.resolverIpAddresses;
export const workersSecurityGroupId = grid.network.workersSecurityGroupId;

// Compute.
export const computeEngine = grid.compute.engine;
export const workersGroupName = grid.compute.groupName;
export const workersLaunchTemplateId = grid.compute.launchTemplateId;
export const workersLaunchTemplateVersion = grid.compute.launchTemplateLatestVersion;
export const capacityPools = grid.compute.capacityPools;
export const capacityPoolCount = grid.compute.capacityPoolCount;
// Every instance type is offered in every AZ of the stack, in the deploying account: looked up at
// every preview and up, failing the run with one line otherwise (infra/instance-types.ts). The
// types by AZ id; null with instanceRequirements, which names no type.
export const instanceTypesByAzId = offeredInstanceTypes(config, azNames, provider) ?? null;
export const interruptionTopicArn = grid.compute.interruptionTopicArn;
export const workersRoleArn = grid.compute.workerRoleArn;
export const ebsKeyArn = grid.compute.ebsKeyArn;

// Data: peers' StackReferences read dataBucketArn and dataKeyArn (infra/data.ts PEER_OUTPUTS).
export const dataBucketName = grid.data.bucket.bucketName;
export const dataBucketArn = grid.data.bucket.arn;
export const dataKeyArn = grid.data.key.arn;
export const dataKeyId = grid.data.key.keyId;
export const dataKeyAlias = grid.data.key.aliasName;
export const accessLogBucketName = grid.data.logBucket.bucketName;
export const accessLogBucketArn = grid.data.logBucket.arn;
// null where the stack has none: the SDK warns about every undefined stack output.
export const replicationRoleArn = grid.data.replication?.roleArn ?? null;
export const uploaderRoleArn = grid.data.uploader?.roleArn ?? null;
export const dataPrefixes = grid.data.prefixes;

// Audit (docs/audit.md): the region's log archive, and the account trail in the audit home.
export const logArchiveBucketName = grid.audit?.archive.bucketName;
export const logArchiveBucketArn = grid.audit?.archive.arn;
export const logArchiveKeyArn = grid.audit?.archive.keyArn;
export const archiveFlowLogId = grid.audit?.flowLogId;
export const configRecorderName = grid.audit?.recorder.recorderName;
export const configRuleNames = grid.audit?.recorder.ruleNames;
export const auditTrailArn = grid.audit?.trail?.trailArn ?? null;
export const auditTrailLogGroupName = grid.audit?.trail?.logGroupName ?? null;
export const auditTrailDeliveryTopicArn = grid.audit?.trail?.deliveryTopicArn ?? null;
export const auditorRoleArn = principals.auditorRoleArn ?? null;

// The work flow (docs/data.md): on-prem sends to jobQueueUrl (through the SQS endpoint, private DNS
// via the inbound resolver), reads resultsQueueUrl and processed/; isPrimary says whether this stack
// takes uploads and reference data now (the others' roles wait for a failover).
export const isPrimary = grid.flow.primary;
export const referencePublisherRoleArn = grid.data.publisher?.roleArn ?? null;
export const jobSubmitterRoleArn = grid.jobSubmitter?.roleArn ?? null;
export const resultsReaderRoleArn = grid.resultsReader?.roleArn ?? null;
export const queueKeyArn = grid.flow.keyArn;
export const intakeQueueUrl = grid.flow.queues.intake.url;
export const intakeQueueArn = grid.flow.queues.intake.arn;
export const jobQueueUrl = grid.flow.queues.jobs.url;
export const jobQueueArn = grid.flow.queues.jobs.arn;
export const resultsQueueUrl = grid.flow.queues.results.url;
export const resultsQueueArn = grid.flow.queues.results.arn;
export const deadLetterQueueArns = { intake: grid.flow.queues.intake.deadLetterArn, jobs: grid.flow.queues.jobs.deadLetterArn, results: grid.flow.queues.results.deadLetterArn };
