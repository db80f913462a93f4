/**
 * SpotFleet: one region's trading workers on EC2 Spot, from the customer's custom AMI, in the
 * private subnets, scaled for the trading session, with interruption alerts.
 *
 * Two engines behind one component:
 * - `autoscaling` (default): an Auto Scaling group with a mixed instances policy. AWS's
 *   recommended way to run Spot: price-capacity-optimized allocation, capacity rebalancing,
 *   instance refresh and scheduled actions with time zones.
 * - `spot-fleet`: an `aws.ec2.SpotFleetRequest`, for tooling that expects Spot Fleet. AWS calls
 *   RequestSpotFleet a legacy API with no planned investment; prefer `autoscaling`.
 *   https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/spot-fleet.html
 */
import * as aws from "../lib/aws";
import * as pulumi from "@pulumi/pulumi";
import { PROJECT } from "../lib/naming";
import { AmiSource, validateAmiSource } from "./ami";
import {
    CapacityPool,
    capacityPools,
    candidateInstanceTypes,
    InstanceRequirements,
    MIN_CAPACITY_POOLS,
    validateCapacityPools,
    validateDiversification,
} from "./capacity-pools";
import { DEFAULT_INTERRUPTION_LOG_RETENTION_DAYS, INTERRUPTION_EVENTS, InterruptionAlerts, interruptionNames, validateLogRetention } from "./interruption-alerts";
import { DEFAULT_ROOT_DEVICE_NAME, launchTemplateArgs } from "./launch-template";
import { AccountContext } from "../lib/policy-document";
import { RegionKey } from "../keys/region-key";
import { capacityAlarm } from "./capacity-alarm";
import { DEFAULT_CAPACITY_ALARM_MINUTES } from "./capacity-alarm-settings";
import { logGroupArn } from "../lib/policy-document";
import { eventRuleArn, spotFleetTaggingPolicyArn, spotFleetTrustPolicy, telemetryKeyPolicy } from "./policy-documents";
import {
    applicationAutoScalingSchedule,
    autoScalingRecurrence,
    planTradingSchedule,
    SCHEDULE_OWNED_GROUP_PROPERTIES,
    SCHEDULE_OWNED_TARGET_PROPERTIES,
    ScheduledScaling,
    TradingSession,
    UNCHANGED_CAPACITY,
} from "./schedule";
import { encodeUserData, validateUserData } from "./user-data";
import { BacklogScaling, backlogMetricQueries, DEFAULT_INSTANCE_WARMUP_SECONDS, MetricQuery, validateBacklogScaling } from "./backlog-scaling";
import { spotFleetRoleName, WorkerRole } from "./worker-role";

export type ComputeEngine = "autoscaling" | "spot-fleet";
export const COMPUTE_ENGINES: readonly ComputeEngine[] = ["autoscaling", "spot-fleet"];

/** A private subnet the workers may launch into. */
export interface WorkerSubnet {
    readonly subnetId: pulumi.Input<string>;
    /** Its AZ name, e.g. `ap-south-1a` (for the capacity-pool listing). */
    readonly availabilityZone: pulumi.Input<string>;
}

/** Worker count bounds. */
export interface WorkerCapacity {
    readonly min: number;
    readonly max: number;
    /** Instances outside the trading session. @default min */
    readonly desired?: number;
}

/** Scratch space per worker for market data and intermediate results. */
export const DEFAULT_DATA_VOLUME_GIB = 100;
export const DEFAULT_WORKER_LOG_RETENTION_DAYS = 90;
export const DEFAULT_METRICS_NAMESPACE = "SpotGrid/Workers";
/** Keep 90% of workers in service while an instance refresh replaces the rest. */
export const DEFAULT_REFRESH_MIN_HEALTHY_PERCENTAGE = 90;

export interface SpotFleetArgs {
    /** Stack (region nickname), part of physical names. Never change for a deployed stack. */
    readonly stack: string;
    /** AWS region code; IAM names carry it because IAM is global. */
    readonly region: string;
    /**
     * Which engine runs the workers. Change only with a maintenance window: switching replaces
     * the group (running workers are terminated and relaunched by the other engine).
     * @default "autoscaling"
     */
    readonly engine?: ComputeEngine;
    /** Where the worker image comes from (AMI id, pinned-owner lookup, or encrypted copy). */
    readonly ami: AmiSource;
    /**
     * Root device name of the AMI when given by id (lookups and copies report their own).
     * Change for Ubuntu-based images (`/dev/sda1`).
     * @default "/dev/xvda"
     */
    readonly rootDeviceName?: string;
    /** Root volume size in GiB. @default the AMI snapshot's size */
    readonly rootVolumeGiB?: number;
    /** Data volume size in GiB, 0 for none. @default 100 */
    readonly dataVolumeGiB?: number;
    /** Explicit diversification: each type x AZ is a Spot pool. Exactly one of this and instanceRequirements. */
    readonly instanceTypes?: readonly string[];
    /** Attribute-based diversification (vCPU and memory ranges). */
    readonly instanceRequirements?: InstanceRequirements;
    /**
     * Minimum Spot capacity pools (types x AZs) the fleet must span; lower only for small
     * test stacks. @default 10
     */
    readonly minCapacityPools?: number;
    /** The private subnets, one per AZ. Workers never get public addresses. */
    readonly subnets: readonly WorkerSubnet[];
    /** The workers' security group (network component). */
    readonly securityGroupId: pulumi.Input<string>;
    /**
     * Roles that copy the golden AMI into this region with the EBS key (`ami.kind === "copy"`):
     * the deployer. Must name roles that exist (infra/principals.ts). @default none
     */
    readonly amiCopyRoleArns?: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * SNS topic the capacity alarm notifies (the stack's operations topic). Unset: the alarm only
     * changes state. @default none
     */
    readonly alarmTopicArn?: pulumi.Input<string>;
    /** Minutes below the desired Spot capacity before the capacity alarm fires. @default 15 */
    readonly capacityAlarmMinutes?: number;
    /** Pulumi `protect` on the EBS and telemetry keys. @default true */
    readonly protect?: boolean;
    readonly capacity: WorkerCapacity;
    /** On-Demand instances under the Spot capacity (for a floor that is never interrupted). @default 0 */
    readonly onDemandBaseCapacity?: number;
    /** The trading session to scale for; none keeps capacity.desired all day. */
    readonly schedule?: TradingSession;
    /**
     * Scale on the job queue's backlog per in-service worker (target tracking, metric math) up to
     * `capacity.max`; the schedule then sets only the floor (backlog-scaling.ts). @default none
     */
    readonly backlogScaling?: BacklogScaling;
    /** Boot script (plain text, never credentials: validated). @default none */
    readonly userData?: string;
    /** Days to keep interruption events. @default 365 */
    readonly interruptionLogRetentionDays?: number;
    /** Days to keep the workers' own logs. @default 90 */
    readonly workerLogRetentionDays?: number;
    /** CloudWatch namespace the workers may publish to. @default "SpotGrid/Workers" */
    readonly metricsNamespace?: string;
    /** Tags for instances, volumes and interfaces (the provider's default tags do not reach them). */
    readonly tags?: Record<string, string>;
}

/**
 * Checks the arguments before anything is created.
 * @throws naming the input, the value and what is allowed.
 */
export function validateSpotFleetArgs(args: SpotFleetArgs): void {
    const engine = args.engine ?? "autoscaling";
    if (!COMPUTE_ENGINES.includes(engine)) {
        throw new Error(`SpotFleet: engine ${JSON.stringify(engine)} is unknown; use ${COMPUTE_ENGINES.join(" or ")}`);
    }
    validateAmiSource(args.ami);
    validateDiversification(args as Parameters<typeof validateDiversification>[0]);
    const { min, max } = args.capacity;
    if (!Number.isInteger(min) || !Number.isInteger(max) || min < 0 || min > max) {
        throw new Error(`SpotFleet: capacity ${JSON.stringify(args.capacity)} needs integers with 0 <= min <= max`);
    }
    const desired = args.capacity.desired ?? min;
    if (!Number.isInteger(desired) || desired < min || desired > max) {
        throw new Error(`SpotFleet: capacity.desired ${desired} must lie between min ${min} and max ${max}`);
    }
    const onDemand = args.onDemandBaseCapacity ?? 0;
    if (!Number.isInteger(onDemand) || onDemand < 0 || onDemand > max) {
        throw new Error(`SpotFleet: onDemandBaseCapacity ${onDemand} must be an integer between 0 and capacity.max ${max}`);
    }
    if (args.subnets.length === 0) throw new Error("SpotFleet: subnets is empty; pass the private subnets (one per AZ)");
    if (args.dataVolumeGiB !== undefined && (!Number.isInteger(args.dataVolumeGiB) || args.dataVolumeGiB < 0 || args.dataVolumeGiB > 16384)) {
        throw new Error(`SpotFleet: dataVolumeGiB ${args.dataVolumeGiB} must be an integer from 0 (no data volume) to 16384 (gp3's maximum)`);
    }
    if (args.rootVolumeGiB !== undefined && (!Number.isInteger(args.rootVolumeGiB) || args.rootVolumeGiB < 1 || args.rootVolumeGiB > 16384)) {
        throw new Error(`SpotFleet: rootVolumeGiB ${args.rootVolumeGiB} must be an integer from 1 to 16384`);
    }
    validateLogRetention(args.interruptionLogRetentionDays ?? DEFAULT_INTERRUPTION_LOG_RETENTION_DAYS);
    validateLogRetention(args.workerLogRetentionDays ?? DEFAULT_WORKER_LOG_RETENTION_DAYS, "workerLogRetentionDays");
    if (args.userData !== undefined) validateUserData(args.userData);
    if (args.schedule) planTradingSchedule(args.schedule, { min, max, offHours: desired });
    const backlog = args.backlogScaling ? validateBacklogScaling(args.backlogScaling) : [];
    if (backlog.length > 0) throw new Error(`SpotFleet: backlogScaling: ${backlog.join("; ")}`);
    // Pool count is known from the shapes alone: types (or the requirement estimate) x subnets.
    const placeholderAzs = args.subnets.map((_, i) => `az-${i}`);
    validateCapacityPools(capacityPools(args as Parameters<typeof capacityPools>[0], placeholderAzs), args.minCapacityPools ?? MIN_CAPACITY_POOLS);
}

/** Physical names of one stack's compute resources. Never change: a rename replaces the resource. */
export function computeNames(stack: string) {
    return {
        launchTemplate: `${PROJECT}-${stack}-workers`,
        group: `${PROJECT}-${stack}-workers`,
        workerLogGroup: `/${PROJECT}/${stack}/workers`,
        telemetryKeyAlias: `alias/${PROJECT}-${stack}-compute-telemetry`,
        scheduledAction: (key: string) => `${PROJECT}-${stack}-${key}`,
        backlogPolicy: `${PROJECT}-${stack}-job-backlog`,
    };
}

/** A metric-math query in the provider's input shape (both policy kinds take the same fields). */
function asMetricInput(q: MetricQuery) {
    return {
        id: q.id,
        label: q.label,
        returnData: q.returnData,
        ...(q.expression !== undefined ? { expression: q.expression } : {}),
        ...(q.metricStat !== undefined ? { metricStat: { stat: q.metricStat.stat, metric: { namespace: q.metricStat.metric.namespace, metricName: q.metricStat.metric.metricName, dimensions: q.metricStat.metric.dimensions } } } : {}),
    };
}

export class SpotFleet extends pulumi.ComponentResource {
    readonly engine: ComputeEngine;
    /** The region EBS key: the workers' volumes and AMI copies only (never S3 data). */
    readonly ebsKeyArn: pulumi.Output<string>;
    /** The interruption topic's and log groups' key. */
    readonly telemetryKeyArn: pulumi.Output<string>;
    readonly workerRoleName: pulumi.Output<string>;
    /** ASG name, or the Spot Fleet request id. */
    readonly groupName: pulumi.Output<string>;
    readonly launchTemplateId: pulumi.Output<string>;
    readonly launchTemplateLatestVersion: pulumi.Output<number>;
    /** Pools as `<type>@<az>` keys. */
    readonly capacityPools: pulumi.Output<string[]>;
    readonly capacityPoolCount: number;
    readonly interruptionTopicArn: pulumi.Output<string>;
    readonly workerRoleArn: pulumi.Output<string>;
    readonly workerLogGroupName: pulumi.Output<string>;
    readonly imageId: pulumi.Output<string>;
    /** The scheduled actions planned for the session (empty without a schedule). */
    readonly scheduledScaling: readonly ScheduledScaling[];

    constructor(name: string, args: SpotFleetArgs, opts?: pulumi.ComponentResourceOptions) {
        super("spot-grid:compute:SpotFleet", name, {}, opts);
        validateSpotFleetArgs(args);

        const engine = args.engine ?? "autoscaling";
        const { min, max } = args.capacity;
        const desired = args.capacity.desired ?? min;
        const onDemandBase = args.onDemandBaseCapacity ?? 0;
        const dataVolumeGiB = args.dataVolumeGiB ?? DEFAULT_DATA_VOLUME_GIB;
        const metricsNamespace = args.metricsNamespace ?? DEFAULT_METRICS_NAMESPACE;
        const tags = { ...(args.tags ?? {}), Name: `${PROJECT}-${args.stack}-worker` };
        const names = computeNames(args.stack);
        const diversification = args as Parameters<typeof capacityPools>[0];
        const types = candidateInstanceTypes(diversification);
        const backlogScaling = args.backlogScaling;
        const schedule = args.schedule ? planTradingSchedule(args.schedule, { min, max, offHours: desired }, { desiredFromPolicy: backlogScaling !== undefined }) : [];

        const ctx: pulumi.Output<AccountContext> = pulumi
            .all([aws.getCallerIdentityOutput({}, { parent: this }), aws.getPartitionOutput({}, { parent: this })])
            .apply(([id, p]) => ({ accountId: id.accountId, partition: p.partition, region: args.region }));

        // --- Telemetry key: the region key's policy admits S3 only, but SNS (for EventBridge)
        // and CloudWatch Logs need service principals in the key policy, so the compute
        // telemetry gets its own small CMK.
        const interruption = interruptionNames(args.stack);
        const interruptionRuleArns = (c: AccountContext) => (Object.keys(INTERRUPTION_EVENTS) as (keyof typeof INTERRUPTION_EVENTS)[]).map((k) => eventRuleArn(c, interruption.rule(k)));
        const telemetryKey = new aws.kms.Key(
            `${name}-telemetry-key`,
            {
                description: `spot-grid ${args.stack}: interruption alerts and worker logs`,
                enableKeyRotation: true,
                deletionWindowInDays: 30,
                policy: ctx.apply((c) =>
                    JSON.stringify(
                        telemetryKeyPolicy({ ctx: c, logGroupArns: [logGroupArn(c, interruption.logGroup), logGroupArn(c, names.workerLogGroup)], eventRuleArns: interruptionRuleArns(c) }),
                    ),
                ),
            },
            // Logs and messages stay readable only while the key exists: never delete it with the
            // stack (policy stateful-protected checks `protect`; retainOnDelete covers a forced destroy).
            { parent: this, protect: args.protect ?? true, retainOnDelete: true },
        );
        new aws.kms.Alias(`${name}-telemetry-key-alias`, { name: names.telemetryKeyAlias, targetKeyId: telemetryKey.keyId }, { parent: this });

        const workerLogs = new aws.cloudwatch.LogGroup(
            `${name}-worker-logs`,
            { name: names.workerLogGroup, kmsKeyId: telemetryKey.arn, retentionInDays: args.workerLogRetentionDays ?? DEFAULT_WORKER_LOG_RETENTION_DAYS },
            { parent: this },
        );

        const role = new WorkerRole(
            `${name}-workers`,
            {
                stack: args.stack,
                region: args.region,
                ctx,
                logGroupName: names.workerLogGroup,
                metricsNamespace,
            },
            { parent: this },
        );

        // --- The EBS key: volumes and AMI copies only, through EC2 only (components/keys/key-policy.ts).
        const ebsKey = new RegionKey(
            `${name}-ebs-key`,
            {
                stack: args.stack,
                region: args.region,
                accountId: ctx.accountId,
                partition: ctx.partition,
                purpose: "ebs",
                amiCopyRoleArns: args.ami.kind === "copy" ? args.amiCopyRoleArns ?? [] : [],
                protect: args.protect,
            },
            { parent: this },
        );

        // --- Image
        let imageId: pulumi.Output<string>;
        let rootDeviceName: pulumi.Output<string>;
        switch (args.ami.kind) {
            case "id":
                imageId = pulumi.output(args.ami.amiId);
                rootDeviceName = pulumi.output(args.rootDeviceName ?? DEFAULT_ROOT_DEVICE_NAME);
                break;
            case "lookup": {
                const found = aws.ec2.getAmiOutput(
                    {
                        owners: [...args.ami.owners],
                        mostRecent: true,
                        filters: [
                            { name: "name", values: [args.ami.namePattern] },
                            { name: "state", values: ["available"] },
                        ],
                    },
                    { parent: this },
                );
                imageId = found.id;
                rootDeviceName = found.rootDeviceName;
                break;
            }
            case "copy": {
                // Same image in every region, re-encrypted with this region's key.
                const copy = new aws.ec2.AmiCopy(
                    `${name}-golden-ami`,
                    {
                        name: `${PROJECT}-${args.stack}-${args.ami.sourceAmiId}`,
                        description: `Encrypted copy of ${args.ami.sourceAmiId} from ${args.ami.sourceRegion}`,
                        sourceAmiId: args.ami.sourceAmiId,
                        sourceAmiRegion: args.ami.sourceRegion,
                        encrypted: true,
                        kmsKeyId: ebsKey.arn,
                    },
                    { parent: this },
                );
                imageId = copy.id;
                rootDeviceName = copy.rootDeviceName;
                break;
            }
        }

        const launchTemplate = new aws.ec2.LaunchTemplate(
            `${name}-lt`,
            launchTemplateArgs({
                name: names.launchTemplate,
                imageId,
                rootDeviceName,
                rootVolumeGiB: args.rootVolumeGiB,
                dataVolumeGiB,
                kmsKeyArn: ebsKey.arn,
                securityGroupId: args.securityGroupId,
                instanceProfileArn: role.instanceProfileArn,
                userDataBase64: args.userData !== undefined ? encodeUserData(args.userData) : undefined,
                tags,
            }),
            { parent: this },
        );
        const version = launchTemplate.latestVersion.apply((v) => String(v));

        const subnetIds = args.subnets.map((s) => s.subnetId);
        const pools = pulumi
            .all(args.subnets.map((s) => s.availabilityZone))
            .apply((azs) => capacityPools(diversification, azs).map((p: CapacityPool) => p.key));

        let groupName: pulumi.Output<string>;
        if (engine === "autoscaling") {
            const overrides: aws.types.input.autoscaling.GroupMixedInstancesPolicyLaunchTemplateOverride[] = args.instanceRequirements
                ? [{ instanceRequirements: { vcpuCount: args.instanceRequirements.vcpu, memoryMib: args.instanceRequirements.memoryMiB } }]
                : types.map((instanceType) => ({ instanceType }));
            const group = new aws.autoscaling.Group(
                `${name}-asg`,
                {
                    name: names.group,
                    vpcZoneIdentifiers: subnetIds,
                    minSize: min,
                    maxSize: max,
                    desiredCapacity: desired,
                    // Replace a Spot worker when AWS signals elevated interruption risk, before the
                    // two-minute warning. https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-capacity-rebalancing.html
                    capacityRebalance: true,
                    healthCheckType: "EC2",
                    healthCheckGracePeriod: 300,
                    mixedInstancesPolicy: {
                        instancesDistribution: {
                            onDemandBaseCapacity: onDemandBase,
                            onDemandPercentageAboveBaseCapacity: 0,
                            spotAllocationStrategy: "price-capacity-optimized",
                        },
                        launchTemplate: {
                            launchTemplateSpecification: { launchTemplateId: launchTemplate.id, version },
                            overrides,
                        },
                    },
                    // A new launch template version (new AMI, new user data) rolls through the group.
                    instanceRefresh: {
                        strategy: "Rolling",
                        preferences: { minHealthyPercentage: DEFAULT_REFRESH_MIN_HEALTHY_PERCENTAGE, skipMatching: true },
                    },
                    enabledMetrics: ["GroupDesiredCapacity", "GroupInServiceInstances", "GroupTotalInstances"],
                    // The provider's default tags do not apply to ASG tags; instances get theirs
                    // from the launch template's tag specifications.
                    tags: Object.entries(tags).map(([key, value]) => ({ key, value, propagateAtLaunch: false })),
                },
                // Desired capacity belongs to the schedule and to operators between deploys; with a
                // schedule, so does minSize (the session opens at min = desired): a deploy during the
                // session must not drop the floor. The close action restores capacity.min.
                // Drift detection treats these paths as owned by the schedule (tools/drift/classify.ts).
                { parent: this, ignoreChanges: schedule.length > 0 ? [...SCHEDULE_OWNED_GROUP_PROPERTIES] : ["desiredCapacity"] },
            );
            for (const action of schedule) {
                new aws.autoscaling.Schedule(
                    `${name}-${action.key}`,
                    {
                        autoscalingGroupName: group.name,
                        scheduledActionName: names.scheduledAction(action.key),
                        recurrence: autoScalingRecurrence(action),
                        timeZone: action.timeZone,
                        minSize: action.minSize,
                        maxSize: action.maxSize,
                        // -1, not undefined: the provider's default is 0 (schedule.ts UNCHANGED_CAPACITY).
                        desiredCapacity: action.desired ?? UNCHANGED_CAPACITY,
                    },
                    { parent: this },
                );
            }
            if (backlogScaling) {
                new aws.autoscaling.Policy(
                    `${name}-backlog`,
                    {
                        name: names.backlogPolicy,
                        autoscalingGroupName: group.name,
                        policyType: "TargetTrackingScaling",
                        estimatedInstanceWarmup: backlogScaling.instanceWarmupSeconds ?? DEFAULT_INSTANCE_WARMUP_SECONDS,
                        targetTrackingConfiguration: {
                            targetValue: backlogScaling.backlogPerInstance,
                            customizedMetricSpecification: {
                                metrics: group.name.apply((groupName) => backlogMetricQueries(backlogScaling.queueName, { engine: "autoscaling", groupName }).map(asMetricInput)),
                            },
                        },
                    },
                    { parent: this },
                );
            }
            groupName = group.name;
        } else {
            const fleetRole = new aws.iam.Role(
                `${name}-fleet-role`,
                {
                    name: spotFleetRoleName(args.region),
                    description: "Spot Fleet service role: launches, tags and terminates the workers",
                    assumeRolePolicy: JSON.stringify(spotFleetTrustPolicy()),
                },
                { parent: this },
            );
            const tagging = new aws.iam.RolePolicyAttachment(
                `${name}-fleet-tagging`,
                { role: fleetRole.name, policyArn: ctx.apply((c) => spotFleetTaggingPolicyArn(c.partition)) },
                { parent: this },
            );
            const overrides = pulumi.all(subnetIds).apply((ids) =>
                args.instanceRequirements
                    ? ids.map((subnetId) => ({
                          subnetId,
                          instanceRequirements: { vcpuCount: args.instanceRequirements!.vcpu, memoryMib: args.instanceRequirements!.memoryMiB },
                      }))
                    : types.flatMap((instanceType) => ids.map((subnetId) => ({ instanceType, subnetId }))),
            );
            const fleet = new aws.ec2.SpotFleetRequest(
                `${name}-fleet`,
                {
                    iamFleetRole: fleetRole.arn,
                    allocationStrategy: "priceCapacityOptimized",
                    fleetType: "maintain",
                    targetCapacity: desired,
                    onDemandTargetCapacity: onDemandBase,
                    instanceInterruptionBehaviour: "terminate",
                    replaceUnhealthyInstances: true,
                    terminateInstancesWithExpiration: true,
                    terminateInstancesOnDelete: "true",
                    spotMaintenanceStrategies: { capacityRebalance: { replacementStrategy: "launch" } },
                    launchTemplateConfigs: [{ launchTemplateSpecification: { id: launchTemplate.id, version }, overrides }],
                    tags,
                },
                { parent: this, dependsOn: [tagging], ignoreChanges: ["targetCapacity"] },
            );
            if (schedule.length > 0 || backlogScaling) {
                // Spot Fleet has no scheduled actions of its own: Application Auto Scaling drives
                // its target capacity. https://docs.aws.amazon.com/autoscaling/application/userguide/services-that-can-integrate-ec2-spot-fleet.html
                const target = new aws.appautoscaling.Target(
                    `${name}-fleet-target`,
                    {
                        serviceNamespace: "ec2",
                        resourceId: pulumi.interpolate`spot-fleet-request/${fleet.id}`,
                        scalableDimension: "ec2:spot-fleet-request:TargetCapacity",
                        minCapacity: min,
                        maxCapacity: max,
                    },
                    // The scheduled actions move these bounds during the session (see the ASG above).
                    { parent: this, ignoreChanges: [...SCHEDULE_OWNED_TARGET_PROPERTIES] },
                );
                for (const action of schedule) {
                    // Application Auto Scaling sets bounds only: the close lowers max to scale in,
                    // unless the backlog policy scales (then it lowers the floor and the policy scales in).
                    const bounds =
                        action.key === "session-open"
                            ? { minCapacity: action.minSize, maxCapacity: action.maxSize }
                            : { minCapacity: action.minSize, maxCapacity: action.desired ?? action.maxSize };
                    new aws.appautoscaling.ScheduledAction(
                        `${name}-${action.key}`,
                        {
                            name: names.scheduledAction(action.key),
                            serviceNamespace: target.serviceNamespace,
                            resourceId: target.resourceId,
                            scalableDimension: target.scalableDimension,
                            schedule: applicationAutoScalingSchedule(action),
                            timezone: action.timeZone,
                            scalableTargetAction: bounds,
                        },
                        { parent: this },
                    );
                }
                if (backlogScaling) {
                    new aws.appautoscaling.Policy(
                        `${name}-backlog`,
                        {
                            name: names.backlogPolicy,
                            policyType: "TargetTrackingScaling",
                            serviceNamespace: target.serviceNamespace,
                            resourceId: target.resourceId,
                            scalableDimension: target.scalableDimension,
                            targetTrackingScalingPolicyConfiguration: {
                                targetValue: backlogScaling.backlogPerInstance,
                                scaleOutCooldown: backlogScaling.instanceWarmupSeconds ?? DEFAULT_INSTANCE_WARMUP_SECONDS,
                                customizedMetricSpecification: {
                                    metrics: fleet.id.apply((fleetRequestId) => backlogMetricQueries(backlogScaling.queueName, { engine: "spot-fleet", fleetRequestId }).map(asMetricInput)),
                                },
                            },
                        },
                        { parent: this },
                    );
                }
            }
            groupName = fleet.id;
        }

        const alerts = new InterruptionAlerts(
            `${name}-interruptions`,
            { stack: args.stack, ctx, kmsKeyArn: telemetryKey.arn, logRetentionDays: args.interruptionLogRetentionDays },
            { parent: this },
        );

        capacityAlarm(`${name}-capacity`, {
            engine,
            groupName,
            minutes: args.capacityAlarmMinutes ?? DEFAULT_CAPACITY_ALARM_MINUTES,
            topicArn: args.alarmTopicArn,
            stack: args.stack,
        }, this);

        this.engine = engine;
        this.ebsKeyArn = ebsKey.arn;
        this.telemetryKeyArn = telemetryKey.arn;
        this.workerRoleName = role.roleName;
        this.groupName = groupName;
        this.launchTemplateId = launchTemplate.id;
        this.launchTemplateLatestVersion = launchTemplate.latestVersion;
        this.capacityPools = pools;
        this.capacityPoolCount = types.length * args.subnets.length;
        this.interruptionTopicArn = alerts.topicArn;
        this.workerRoleArn = role.roleArn;
        this.imageId = imageId;
        this.scheduledScaling = schedule;
        this.workerLogGroupName = workerLogs.name;
        this.registerOutputs({
            engine: this.engine,
            groupName: this.groupName,
            launchTemplateId: this.launchTemplateId,
            launchTemplateLatestVersion: this.launchTemplateLatestVersion,
            capacityPools: this.capacityPools,
            interruptionTopicArn: this.interruptionTopicArn,
            workerRoleArn: this.workerRoleArn,
            ebsKeyArn: this.ebsKeyArn,
        });
    }
}
