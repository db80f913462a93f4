/**
 * RegionalGrid: everything one region stack runs, composed from the concept components.
 * `infra/` builds its args from validated stack config; nothing here reads `pulumi.Config`.
 *
 * Order matters for trust (docs/identity.md): the operations topic first (every alarm's action),
 * then network, then compute (whose workers' role the data key names by its ARN output), then the
 * on-prem roles of the work flow (the data and queue keys name them), then data, then the flow
 * (queues, notifications, each hop's policy).
 */
import * as aws from "../lib/aws";
import * as pulumi from "@pulumi/pulumi";
import { RegionalNetwork, RegionalNetworkArgs } from "../network/regional-network";
import { SpotFleet, SpotFleetArgs } from "../compute/spot-fleet";
import { OperationsTopic } from "../operations/operations-topic";
import { Subscription } from "../operations/subscriptions";
import { RegionalData, RegionalDataArgs } from "../storage/regional-data";
import { RegionalAudit, RegionalAuditArgs } from "../audit/regional-audit";
import { RegionalFlow, RegionalFlowArgs } from "../flow/regional-flow";
import { OnPremRole } from "../flow/onprem-role";
import { bucketName, jobSubmitterRoleName, resultsReaderRoleName } from "../storage/naming";
import { ROLE_JOB_SUBMITTER, ROLE_RESULTS_READER } from "../storage/layout";

/** Principals the stack receives as config, each verified to exist (infra/principals.ts). */
export interface GridPrincipals {
    /** Deployer, preview and drift roles: keep the management plane of buckets and keys. */
    readonly operatorArns: pulumi.Input<pulumi.Input<string>[]>;
    /** Copies the golden AMI with the EBS key (`compute.amiCopy`). */
    readonly deployerRoleArn?: pulumi.Input<string>;
    /** Objects from outside the endpoints and key use, for emergencies. @default none */
    readonly breakGlassRoleArn?: pulumi.Input<string>;
    /** Reads the log archive (through the endpoints). @default none: nobody reads it */
    readonly auditorRoleArn?: pulumi.Input<string>;
    /** Validates uploads instead of the workers' role (`flow.validatorRoleArn`). @default the workers' role */
    readonly validatorRoleArn?: pulumi.Input<string>;
}

/** The work flow's settings the stack config decides (components/flow). */
export interface GridFlowArgs {
    /** This stack is the primary: it takes uploads and reference data, and validates them. */
    readonly primary: boolean;
    /** On-prem principal that may assume the job submitter role. Unset: no submitter role. */
    readonly jobSubmitterPrincipalArn?: pulumi.Input<string>;
    /** On-prem principal that may assume the results reader role. Unset: no reader role. */
    readonly resultsReaderPrincipalArn?: pulumi.Input<string>;
    readonly queues?: RegionalFlowArgs["queues"];
}

/** Arguments for {@link RegionalGrid}. */
export interface RegionalGridArgs {
    /** Stack (region nickname), e.g. `mumbai`. */
    readonly stack: string;
    /** AWS region code, e.g. `ap-south-1`. */
    readonly region: string;

    /** Principals received as config (verified to exist). */
    readonly principals: GridPrincipals;

    /** Who the operations topic reaches (every alarm of the stack goes there). */
    readonly operations: { readonly subscriptions: readonly Subscription[] };

    /** The private VPC, VPN to on-prem, VPC endpoints and workers' security group (components/network). */
    readonly network: Omit<RegionalNetworkArgs, "alarmActions">;

    /**
     * Region key, data and log buckets, uploader and replication (components/storage). The VPC
     * endpoints the bucket policies allow come from the network part; the workers' role from compute.
     */
    readonly data: Omit<RegionalDataArgs, "stack" | "region" | "allowedVpcEndpointIds" | "uploadEndpointId" | "operatorArns" | "breakGlassRoleArn" | "workersRole" | "alarmTopicArn" | "logSourceBucketArns" | "primary" | "validatorRoleArn" | "keyUserArns">;

    /** The work flow: queues, notifications, on-prem's job submitter and results reader (components/flow). */
    readonly flow: GridFlowArgs;

    /** The Spot workers (components/compute); subnets and security group come from the network part. */
    readonly compute: RegionalComputeArgs;

    /**
     * The log archive, AWS Config and (in the audit home) the account trail (components/audit).
     * The VPC, endpoints, access-log bucket, operators and alarm topic come from the other parts.
     * @default none (no audit layer)
     */
    readonly audit?: Omit<
        RegionalAuditArgs,
        "stack" | "ctx" | "vpcId" | "allowedVpcEndpointIds" | "operatorArns" | "deployerRoleArn" | "auditorRoleArn" | "breakGlassRoleArn" | "accessLogBucketName" | "accessLogBucketPolicy" | "replicates" | "alarmTopicArn" | "protect"
    >;
}

/**
 * SpotFleet arguments the stack config decides. Subnets and security group come from the network
 * part; the AMI copier and the alarm topic from the grid.
 */
export type RegionalComputeArgs = Omit<SpotFleetArgs, "stack" | "region" | "subnets" | "securityGroupId" | "amiCopyRoleArns" | "alarmTopicArn">;

export class RegionalGrid extends pulumi.ComponentResource {
    readonly region: string;
    readonly operations: OperationsTopic;
    readonly network: RegionalNetwork;
    readonly data: RegionalData;
    readonly compute: SpotFleet;
    readonly flow: RegionalFlow;
    readonly jobSubmitter?: OnPremRole;
    readonly resultsReader?: OnPremRole;
    readonly audit?: RegionalAudit;

    constructor(name: string, args: RegionalGridArgs, opts?: pulumi.ComponentResourceOptions) {
        super("spot-grid:grid:RegionalGrid", name, {}, opts);
        this.region = args.region;
        const ctx = pulumi
            .all([aws.getCallerIdentityOutput({}, { parent: this }), aws.getPartitionOutput({}, { parent: this })])
            .apply(([id, p]) => ({ accountId: id.accountId, partition: p.partition, region: args.region }));

        // Logical name `<stack>-operations`: never change it, it is part of every operations URN.
        this.operations = new OperationsTopic(`${name}-operations`, {
            stack: args.stack,
            ctx,
            subscriptions: args.operations.subscriptions,
            protect: args.data.protect,
        }, { parent: this });
        const alarmTopic = this.operations.topicArn;

        // Logical name = the grid's name (the stack): never change it, it is part of every network URN.
        this.network = new RegionalNetwork(name, { ...args.network, alarmActions: [alarmTopic] }, { parent: this });

        // Logical name `<stack>-workers`: never change it, it is part of every compute URN.
        this.compute = new SpotFleet(
            `${name}-workers`,
            {
                ...args.compute,
                stack: args.stack,
                region: args.region,
                subnets: this.network.availabilityZones.map((az) => ({
                    subnetId: this.network.subnetIdsByAz.apply((ids) => ids[az]),
                    availabilityZone: az,
                })),
                securityGroupId: this.network.workersSecurityGroupId,
                amiCopyRoleArns: args.principals.deployerRoleArn !== undefined ? [args.principals.deployerRoleArn] : [],
                alarmTopicArn: alarmTopic,
            },
            { parent: this },
        );

        // On-prem's roles of the work flow, before the keys that name them (logical names `<stack>-job-submitter`, `<stack>-results-reader`).
        if (args.flow.jobSubmitterPrincipalArn !== undefined) {
            this.jobSubmitter = new OnPremRole(`${name}-job-submitter`, {
                roleName: jobSubmitterRoleName(args.region),
                principalArn: args.flow.jobSubmitterPrincipalArn,
                description: "On-prem job submission: SendMessage to the spot-grid job queue through the SQS endpoint",
                roleTag: ROLE_JOB_SUBMITTER,
                trustSid: "OnPremJobSubmitterAssumesRole",
            }, { parent: this });
        }
        if (args.flow.resultsReaderPrincipalArn !== undefined) {
            this.resultsReader = new OnPremRole(`${name}-results-reader`, {
                roleName: resultsReaderRoleName(args.region),
                principalArn: args.flow.resultsReaderPrincipalArn,
                description: "On-prem results: the results queue's events and processed/ of the spot-grid data bucket, through the endpoints",
                roleTag: ROLE_RESULTS_READER,
                trustSid: "OnPremResultsReaderAssumesRole",
            }, { parent: this });
        }

        // Logical name = the grid's name (the stack): never change it, it is part of every data URN.
        this.data = new RegionalData(name, {
            ...args.data,
            stack: args.stack,
            region: args.region,
            // Workers come through the gateway endpoint, on-prem through the interface endpoint.
            allowedVpcEndpointIds: [this.network.s3GatewayEndpointId, this.network.s3InterfaceEndpointId],
            uploadEndpointId: this.network.s3InterfaceEndpointId,
            operatorArns: args.principals.operatorArns,
            breakGlassRoleArn: args.principals.breakGlassRoleArn,
            workersRole: { arn: this.compute.workerRoleArn, name: this.compute.workerRoleName },
            alarmTopicArn: alarmTopic,
            // The log archive's reads are access-logged here (its name is deterministic).
            logSourceBucketArns: args.audit
                ? [ctx.apply((c) => `arn:${c.partition}:s3:::${bucketName({ stack: args.stack, region: c.region, accountId: c.accountId, purpose: "audit" })}`)]
                : [],
            primary: args.flow.primary,
            validatorRoleArn: args.principals.validatorRoleArn,
            keyUserArns: this.resultsReader ? [this.resultsReader.roleArn] : [],
        }, { parent: this });

        // Logical name `<stack>-flow`: never change it, it is part of every flow URN.
        this.flow = new RegionalFlow(`${name}-flow`, {
            stack: args.stack,
            region: args.region,
            ctx,
            primary: args.flow.primary,
            bucket: { name: this.data.bucket.bucketName, arn: this.data.bucket.arn, keyArn: this.data.key.arn },
            s3InterfaceEndpointId: this.network.s3InterfaceEndpointId,
            sqsEndpointId: this.network.interfaceEndpointIds.apply((ids) => ids.sqs),
            workersRole: { arn: this.compute.workerRoleArn, name: this.compute.workerRoleName },
            validatorRole: args.principals.validatorRoleArn !== undefined
                ? { arn: args.principals.validatorRoleArn, name: pulumi.output(args.principals.validatorRoleArn).apply((arn) => arn.slice(arn.lastIndexOf("/") + 1)) }
                : undefined,
            jobSubmitter: this.jobSubmitter,
            resultsReader: this.resultsReader,
            queues: args.flow.queues,
            alarmTopicArn: alarmTopic,
            protect: args.data.protect,
        }, { parent: this });

        // Logical name = the grid's name (the stack): never change it, it is part of every audit URN.
        if (args.audit) {
            this.audit = new RegionalAudit(name, {
                ...args.audit,
                stack: args.stack,
                ctx,
                vpcId: this.network.vpcId,
                allowedVpcEndpointIds: [this.network.s3GatewayEndpointId, this.network.s3InterfaceEndpointId],
                operatorArns: args.principals.operatorArns,
                deployerRoleArn: args.principals.deployerRoleArn,
                auditorRoleArn: args.principals.auditorRoleArn,
                breakGlassRoleArn: args.principals.breakGlassRoleArn,
                accessLogBucketName: this.data.logBucket.bucketName,
                accessLogBucketPolicy: this.data.logBucket.deliveryPolicy,
                replicates: (args.data.replicateTo ?? []).length > 0,
                alarmTopicArn: alarmTopic,
                protect: args.data.protect,
            }, { parent: this });
        }

        this.operations.watchKeys([
            this.data.key.arn,
            this.compute.ebsKeyArn,
            this.compute.telemetryKeyArn,
            this.network.flowLogKeyArn,
            this.operations.keyArn,
            this.flow.keyArn,
            ...(this.audit ? [this.audit.archive.keyArn] : []),
        ]);

        this.registerOutputs({
            region: this.region,
            vpcId: this.network.vpcId,
            dataBucketArn: this.data.bucket.arn,
            workersGroupName: this.compute.groupName,
            operationsTopicArn: this.operations.topicArn,
            jobQueueUrl: this.flow.queues.jobs.url,
        });
    }
}
