/**
 * SpotFleet under the offline engine: both engines, the hardened launch template, scheduled
 * scaling in the market's time zone, interruption alerts, and the workers' role wiring.
 */
import * as assert from "assert";
import { named, ofType, OfflineEngine, promiseOf, RecordedResource, setupMocks } from "../../helpers/mocks";
import { SpotFleet, SpotFleetArgs, validateSpotFleetArgs } from "../../../components/compute/spot-fleet";
import { SPOT_FLEET_TAGGING_POLICY } from "../../../components/compute/policy-documents";

const SG = "sg-0123456789abcdef0";
const TOPIC = "arn:aws:sns:ap-south-1:111122223333:spot-grid-mumbai-operations";
const DEPLOYER = "arn:aws:iam::111122223333:role/spot-grid-deployer";

function subnets(region: string) {
    return ["a", "b", "c"].map((az, i) => ({ subnetId: `subnet-0${i}${"0123456789abcde".slice(i)}`, availabilityZone: `${region}${az}` }));
}

function mumbaiArgs(overrides: Partial<SpotFleetArgs> = {}): SpotFleetArgs {
    return {
        stack: "mumbai",
        region: "ap-south-1",
        ami: { kind: "id", amiId: "ami-0a1b2c3d4e5f60718" },
        instanceTypes: ["c6i.4xlarge", "c6a.4xlarge", "c5.4xlarge", "c5a.4xlarge", "m6i.4xlarge", "m6a.4xlarge"],
        subnets: subnets("ap-south-1"),
        securityGroupId: SG,
        alarmTopicArn: TOPIC,
        capacity: { min: 0, max: 200 },
        schedule: { timeZone: "Asia/Kolkata", scaleUp: "08:45", scaleDown: "16:00", days: ["MON", "TUE", "WED", "THU", "FRI"], desired: 120 },
        tags: { project: "spot-grid", stack: "mumbai" },
        ...overrides,
    };
}

const only = (engine: OfflineEngine, type: string): RecordedResource => {
    const hits = ofType(engine, type);
    assert.strictEqual(hits.length, 1, `expected one ${type}, found ${hits.map((h) => h.name).join(", ") || "none"}`);
    return hits[0];
};
const json = (v: unknown) => JSON.parse(String(v));

describe("components/compute/spot-fleet: autoscaling engine (default)", () => {
    let engine: OfflineEngine;
    let fleet: SpotFleet;
    before(async () => {
        engine = await setupMocks({ stack: "mumbai", region: "ap-south-1" });
        fleet = new SpotFleet("workers", mumbaiArgs());
        await engine.settle();
    });

    it("builds an ASG across every private subnet with a price-capacity-optimized Spot mix", () => {
        const asg = only(engine, "aws:autoscaling/group:Group");
        const i = asg.inputs as any;
        assert.deepStrictEqual(i.vpcZoneIdentifiers, subnets("ap-south-1").map((s) => s.subnetId));
        assert.deepStrictEqual(i.mixedInstancesPolicy.instancesDistribution, {
            onDemandBaseCapacity: 0,
            onDemandPercentageAboveBaseCapacity: 0,
            spotAllocationStrategy: "price-capacity-optimized",
        });
        assert.strictEqual(i.capacityRebalance, true);
        assert.deepStrictEqual(i.mixedInstancesPolicy.launchTemplate.overrides.map((o: any) => o.instanceType), mumbaiArgs().instanceTypes);
        assert.deepStrictEqual([i.minSize, i.maxSize, i.desiredCapacity], [0, 200, 0]);
        assert.strictEqual(i.instanceRefresh.strategy, "Rolling");
        assert.strictEqual(ofType(engine, "aws:ec2/spotFleetRequest:SpotFleetRequest").length, 0);
    });

    it("points the ASG at the launch template's latest version", () => {
        const lt = only(engine, "aws:ec2/launchTemplate:LaunchTemplate");
        const spec = (only(engine, "aws:autoscaling/group:Group").inputs as any).mixedInstancesPolicy.launchTemplate.launchTemplateSpecification;
        assert.strictEqual(spec.launchTemplateId, lt.id);
        assert.strictEqual(spec.version, String((lt.outputs as any).latestVersion));
    });

    it("counts at least 10 capacity pools with the stack's default types (6 types x 3 AZs)", async () => {
        const pools = await promiseOf(fleet.capacityPools);
        assert.strictEqual(pools.length, 18);
        assert.strictEqual(fleet.capacityPoolCount, 18);
        assert.ok(pools.includes("c6i.4xlarge@ap-south-1a") && pools.includes("m6a.4xlarge@ap-south-1c"));
    });

    it("launch template: IMDSv2 only, hop limit 1", () => {
        const m = (only(engine, "aws:ec2/launchTemplate:LaunchTemplate").inputs as any).metadataOptions;
        assert.deepStrictEqual([m.httpTokens, m.httpPutResponseHopLimit, m.httpEndpoint], ["required", 1, "enabled"]);
    });

    it("launch template: root and data EBS gp3, encrypted with the EBS key (not the data key), deleted on termination", () => {
        const KEY = (named(engine, "aws:kms/key:Key", "workers-ebs-key").outputs as any).arn;
        const devices = (only(engine, "aws:ec2/launchTemplate:LaunchTemplate").inputs as any).blockDeviceMappings;
        assert.deepStrictEqual(devices.map((d: any) => d.deviceName), ["/dev/xvda", "/dev/sdf"]);
        for (const d of devices) {
            assert.deepStrictEqual(
                { type: d.ebs.volumeType, encrypted: d.ebs.encrypted, key: d.ebs.kmsKeyId, del: d.ebs.deleteOnTermination },
                { type: "gp3", encrypted: "true", key: KEY, del: "true" },
            );
        }
        assert.strictEqual(devices[1].ebs.volumeSize, 100);
    });

    it("launch template: no public IP, the workers' SG, the instance profile, tags on instances and volumes", () => {
        const lt = only(engine, "aws:ec2/launchTemplate:LaunchTemplate").inputs as any;
        assert.strictEqual(lt.networkInterfaces.length, 1);
        assert.strictEqual(lt.networkInterfaces[0].associatePublicIpAddress, "false");
        assert.deepStrictEqual(lt.networkInterfaces[0].securityGroups, [SG]);
        assert.strictEqual(lt.imageId, "ami-0a1b2c3d4e5f60718");
        assert.strictEqual(lt.iamInstanceProfile.arn, (only(engine, "aws:iam/instanceProfile:InstanceProfile").outputs as any).arn);
        const specs = Object.fromEntries(lt.tagSpecifications.map((t: any) => [t.resourceType, t.tags]));
        assert.deepStrictEqual(Object.keys(specs).sort(), ["instance", "network-interface", "volume"]);
        assert.strictEqual(specs.volume.stack, "mumbai");
        assert.strictEqual(lt.userData, undefined);
    });

    it("schedules the Mumbai session in Asia/Kolkata", () => {
        const byName = Object.fromEntries(ofType(engine, "aws:autoscaling/schedule:Schedule").map((s) => [s.name, s.inputs as any]));
        assert.deepStrictEqual(Object.keys(byName).sort(), ["workers-session-close", "workers-session-open"]);
        const open = byName["workers-session-open"];
        const close = byName["workers-session-close"];
        assert.deepStrictEqual([open.recurrence, open.timeZone, open.desiredCapacity, open.minSize], ["45 8 * * MON-FRI", "Asia/Kolkata", 120, 120]);
        assert.deepStrictEqual([close.recurrence, close.timeZone, close.desiredCapacity, close.minSize], ["0 16 * * MON-FRI", "Asia/Kolkata", 0, 0]);
        assert.strictEqual(open.autoscalingGroupName, only(engine, "aws:autoscaling/group:Group").id);
    });

    it("forwards interruption warnings and rebalance recommendations to SNS and CloudWatch Logs", () => {
        const rules = ofType(engine, "aws:cloudwatch/eventRule:EventRule").map((r) => json((r.inputs as any).eventPattern));
        assert.deepStrictEqual(rules.map((p) => p["detail-type"][0]).sort(), ["EC2 Instance Rebalance Recommendation", "EC2 Spot Instance Interruption Warning"]);
        assert.ok(rules.every((p) => p.source[0] === "aws.ec2"));
        const targets = ofType(engine, "aws:cloudwatch/eventTarget:EventTarget").map((t) => t.inputs as any);
        const topic = named(engine, "aws:sns/topic:Topic", "workers-interruptions-topic");
        const logGroup = named(engine, "aws:cloudwatch/logGroup:LogGroup", "workers-interruptions-log");
        assert.strictEqual(targets.length, 4);
        assert.strictEqual(targets.filter((t) => t.arn === (topic.outputs as any).arn).length, 2);
        assert.strictEqual(targets.filter((t) => t.arn === (logGroup.outputs as any).arn).length, 2);
    });

    it("has its own EBS key: launch services use it through EC2 only, grants only for AWS resources, no AMI copier unless copying", () => {
        const key = named(engine, "aws:kms/key:Key", "workers-ebs-key");
        assert.deepStrictEqual([key.protect, key.retainOnDelete, (key.inputs as any).enableKeyRotation], [true, true, true]);
        assert.strictEqual((key.inputs as any).tags["spot-grid:role"], "ebs-key");
        const policy = json((key.inputs as any).policy);
        assert.deepStrictEqual(policy.Statement.map((s: any) => s.Sid), ["AccountAdministersKey", "LaunchServicesUseKeyForEbs", "LaunchServicesGrantForEbs"]);
        for (const s of policy.Statement.slice(1)) assert.strictEqual(s.Condition.StringEquals["kms:ViaService"], "ec2.ap-south-1.amazonaws.com", s.Sid);
        assert.deepStrictEqual(policy.Statement[2].Condition.Bool, { "kms:GrantIsForAWSResource": "true" });
        assert.strictEqual(named(engine, "aws:kms/alias:Alias", "workers-ebs-key-alias").inputs.name, "alias/spot-grid-mumbai-ebs");
    });

    it("keeps the session's floor across deploys: with a schedule, minSize and desiredCapacity belong to it", () => {
        assert.deepStrictEqual([...(only(engine, "aws:autoscaling/group:Group").ignoreChanges ?? [])].sort(), ["desiredCapacity", "minSize"]);
    });

    it("alarms when the group stays below its desired capacity for 15 minutes, to the operations topic", () => {
        const alarm = named(engine, "aws:cloudwatch/metricAlarm:MetricAlarm", "workers-capacity").inputs as any;
        assert.deepStrictEqual(alarm.metricQueries.map((q: any) => q.expression ?? `${q.metric.namespace}/${q.metric.metricName}`), [
            "AWS/AutoScaling/GroupDesiredCapacity", "AWS/AutoScaling/GroupInServiceInstances", "desired - inservice",
        ]);
        assert.deepStrictEqual([alarm.comparisonOperator, alarm.threshold, alarm.evaluationPeriods, alarm.alarmActions], ["GreaterThanThreshold", 0, 3, [TOPIC]]);
        assert.strictEqual(alarm.metricQueries[0].metric.dimensions.AutoScalingGroupName, only(engine, "aws:autoscaling/group:Group").id);
    });

    it("encrypts the topic and log groups with the telemetry CMK (rotation on, retained) and keeps events a year", () => {
        const key = named(engine, "aws:kms/key:Key", "workers-telemetry-key");
        assert.strictEqual((key.inputs as any).enableKeyRotation, true);
        assert.deepStrictEqual([key.protect, key.retainOnDelete], [true, true]);
        const keyArn = (key.outputs as any).arn;
        assert.strictEqual((named(engine, "aws:sns/topic:Topic", "workers-interruptions-topic").inputs as any).kmsMasterKeyId, keyArn);
        const groups = ofType(engine, "aws:cloudwatch/logGroup:LogGroup").map((g) => g.inputs as any);
        assert.ok(groups.length === 2 && groups.every((g) => g.kmsKeyId === keyArn));
        assert.strictEqual(groups.find((g) => g.name.startsWith("/aws/events/"))!.retentionInDays, 365);
        const policy = json((key.inputs as any).policy);
        const logs = policy.Statement.find((s: any) => s.Principal.Service === "logs.ap-south-1.amazonaws.com");
        assert.deepStrictEqual(logs.Condition.ArnEquals["kms:EncryptionContext:aws:logs:arn"].sort(), groups.map((g) => `arn:aws:logs:ap-south-1:111122223333:log-group:${g.name}`).sort());
        assert.ok(policy.Statement.some((s: any) => s.Principal.Service === "events.amazonaws.com" && s.Action.includes("kms:GenerateDataKey") && s.Action.includes("kms:Decrypt")));
    });

    it("lets only our rules publish to the topic, and EventBridge write the log group", () => {
        const topicPolicy = json((only(engine, "aws:sns/topicPolicy:TopicPolicy").inputs as any).policy);
        const rules = ofType(engine, "aws:cloudwatch/eventRule:EventRule").map((r) => (r.outputs as any).arn).sort();
        const events = topicPolicy.Statement.find((s: any) => s.Principal.Service === "events.amazonaws.com");
        assert.deepStrictEqual([...events.Condition.ArnEquals["aws:SourceArn"]].sort(), rules);
        const logPolicy = json((only(engine, "aws:cloudwatch/logResourcePolicy:LogResourcePolicy").inputs as any).policyDocument);
        assert.strictEqual(logPolicy.Statement[0].Resource, `${(named(engine, "aws:cloudwatch/logGroup:LogGroup", "workers-interruptions-log").outputs as any).arn}:*`);
        assert.ok(logPolicy.Statement[0].Principal.Service.includes("events.amazonaws.com"));
    });

    it("gives the workers a region-named role trusted by EC2 and the runtime policy (the data policy comes from storage)", async () => {
        const role = only(engine, "aws:iam/role:Role");
        assert.strictEqual((role.inputs as any).name, "spot-grid-workers-ap-south-1");
        const trust = json((role.inputs as any).assumeRolePolicy);
        assert.deepStrictEqual(trust.Statement[0].Principal, { Service: "ec2.amazonaws.com" });
        assert.strictEqual(trust.Statement[0].Condition, undefined, "no condition EC2 does not send");
        const policies = Object.fromEntries(ofType(engine, "aws:iam/rolePolicy:RolePolicy").map((p) => [(p.inputs as any).name, (p.inputs as any).policy]));
        assert.deepStrictEqual(Object.keys(policies), ["runtime"]);
        const runtime = json(policies.runtime);
        assert.deepStrictEqual(runtime.Statement.map((s: any) => s.Sid), ["SessionManagerRegister", "SessionManagerChannels", "RunCommandMessages", "OwnParametersOnly", "MetricsOwnNamespace", "LogsOwnGroup"]);
        assert.strictEqual(await promiseOf(fleet.workerRoleName), "spot-grid-workers-ap-south-1");
        assert.strictEqual(ofType(engine, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").length, 0, "no managed policies on the workers");
        assert.strictEqual(await promiseOf(fleet.workerRoleArn), "arn:aws:iam::111122223333:role/spot-grid-workers-ap-south-1");
    });

    it("parents every resource under the component", () => {
        const root = engine.resources().find((r) => r.type === "spot-grid:compute:SpotFleet")!;
        const urns = new Set(engine.resources().filter((r) => r.urn.includes("spot-grid:compute:SpotFleet")).map((r) => r.urn));
        for (const r of engine.resources()) {
            if (r === root || r.type.startsWith("pulumi:")) continue;
            assert.ok(r.parent && urns.has(r.parent), `${r.type} ${r.name} has parent ${r.parent}`);
        }
    });

    it("exposes outputs for the stack", async () => {
        assert.strictEqual(await promiseOf(fleet.groupName), "spot-grid-mumbai-workers");
        assert.match(await promiseOf(fleet.launchTemplateId), /^lt-[0-9a-f]{17}$/);
        assert.strictEqual(await promiseOf(fleet.launchTemplateLatestVersion), 1);
        assert.strictEqual(await promiseOf(fleet.interruptionTopicArn), "arn:aws:sns:ap-south-1:111122223333:spot-grid-mumbai-spot-interruptions");
    });
});

describe("components/compute/spot-fleet: spot-fleet engine", () => {
    let engine: OfflineEngine;
    let fleet: SpotFleet;
    const types = ["c6i.4xlarge", "c6a.4xlarge", "c7i.4xlarge", "m6i.4xlarge"];
    before(async () => {
        engine = await setupMocks({ stack: "ohio", region: "us-east-2" });
        fleet = new SpotFleet(
            "workers",
            mumbaiArgs({
                stack: "ohio",
                region: "us-east-2",
                engine: "spot-fleet",
                instanceTypes: types,
                subnets: subnets("us-east-2"),
                capacity: { min: 0, max: 150 },
                onDemandBaseCapacity: 2,
                schedule: { timeZone: "America/New_York", scaleUp: "09:00", scaleDown: "16:30", days: ["MON", "TUE", "WED", "THU", "FRI"], desired: 100 },
            }),
        );
        await engine.settle();
    });

    it("requests a maintained, price-capacity-optimized fleet with an override per type x subnet", () => {
        const f = only(engine, "aws:ec2/spotFleetRequest:SpotFleetRequest").inputs as any;
        assert.strictEqual(f.allocationStrategy, "priceCapacityOptimized");
        assert.deepStrictEqual([f.replaceUnhealthyInstances, f.terminateInstancesWithExpiration, f.terminateInstancesOnDelete], [true, true, "true"]);
        assert.strictEqual(f.onDemandTargetCapacity, 2);
        const overrides = f.launchTemplateConfigs[0].overrides.map((o: any) => `${o.instanceType}/${o.subnetId}`);
        const expected = types.flatMap((t) => subnets("us-east-2").map((s) => `${t}/${s.subnetId}`));
        assert.deepStrictEqual(overrides.sort(), expected.sort());
        assert.strictEqual(f.launchTemplateConfigs[0].launchTemplateSpecification.id, only(engine, "aws:ec2/launchTemplate:LaunchTemplate").id);
        assert.strictEqual(ofType(engine, "aws:autoscaling/group:Group").length, 0);
    });

    it("uses a fleet role trusted by spotfleet.amazonaws.com with AWS's tagging policy", () => {
        const role = named(engine, "aws:iam/role:Role", "workers-fleet-role");
        assert.strictEqual((role.inputs as any).name, "spot-grid-spot-fleet-us-east-2");
        assert.deepStrictEqual(json((role.inputs as any).assumeRolePolicy).Statement[0].Principal, { Service: "spotfleet.amazonaws.com" });
        assert.strictEqual((only(engine, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").inputs as any).policyArn, SPOT_FLEET_TAGGING_POLICY);
        assert.strictEqual((only(engine, "aws:ec2/spotFleetRequest:SpotFleetRequest").inputs as any).iamFleetRole, (role.outputs as any).arn);
    });

    it("schedules the New York session through Application Auto Scaling", () => {
        const target = only(engine, "aws:appautoscaling/target:Target").inputs as any;
        assert.strictEqual(target.scalableDimension, "ec2:spot-fleet-request:TargetCapacity");
        assert.strictEqual(target.resourceId, `spot-fleet-request/${only(engine, "aws:ec2/spotFleetRequest:SpotFleetRequest").id}`);
        const byName = Object.fromEntries(ofType(engine, "aws:appautoscaling/scheduledAction:ScheduledAction").map((s) => [s.name, s.inputs as any]));
        const open = byName["workers-session-open"];
        const close = byName["workers-session-close"];
        assert.deepStrictEqual([open.schedule, open.timezone, open.scalableTargetAction], ["cron(0 9 ? * MON-FRI *)", "America/New_York", { minCapacity: 100, maxCapacity: 150 }]);
        assert.deepStrictEqual([close.schedule, close.timezone, close.scalableTargetAction], ["cron(30 16 ? * MON-FRI *)", "America/New_York", { minCapacity: 0, maxCapacity: 0 }]);
    });

    it("reports the fleet request id as the group name and 12 pools", async () => {
        assert.match(await promiseOf(fleet.groupName), /^sfr-/);
        assert.strictEqual((await promiseOf(fleet.capacityPools)).length, 12);
    });
});

describe("components/compute/spot-fleet: instance requirements, AMI lookup and copy, user data", () => {
    it("diversifies by vCPU/memory ranges with one requirements override", async () => {
        const engine = await setupMocks({ stack: "mumbai", region: "ap-south-1" });
        const req = { vcpu: { min: 16, max: 32 }, memoryMiB: { min: 32768, max: 131072 } };
        const fleet = new SpotFleet("workers", mumbaiArgs({ instanceTypes: undefined, instanceRequirements: req, ami: { kind: "lookup", namePattern: "trading-worker-*", owners: ["444455556666"] } }));
        await engine.settle();
        const overrides = (only(engine, "aws:autoscaling/group:Group").inputs as any).mixedInstancesPolicy.launchTemplate.overrides;
        assert.deepStrictEqual(overrides, [{ instanceRequirements: { vcpuCount: { min: 16, max: 32 }, memoryMib: { min: 32768, max: 131072 } } }]);
        assert.ok(fleet.capacityPoolCount >= 10, `${fleet.capacityPoolCount}`);
        // The lookup pinned the owner; the template uses what it found.
        const lt = only(engine, "aws:ec2/launchTemplate:LaunchTemplate").inputs as any;
        assert.match(lt.imageId, /^ami-[0-9a-f]{17}$/);
        assert.strictEqual(await promiseOf(fleet.imageId), lt.imageId);
    });

    it("copies the golden AMI encrypted with the EBS key, which admits the deployer for CopyImage through EC2", async () => {
        const engine = await setupMocks({ stack: "hyderabad", region: "ap-south-2" });
        new SpotFleet("workers", mumbaiArgs({ stack: "hyderabad", region: "ap-south-2", subnets: subnets("ap-south-2"), amiCopyRoleArns: [DEPLOYER], ami: { kind: "copy", sourceAmiId: "ami-0a1b2c3d4e5f60718", sourceRegion: "ap-south-1" } }));
        await engine.settle();
        const key = named(engine, "aws:kms/key:Key", "workers-ebs-key");
        const copy = only(engine, "aws:ec2/amiCopy:AmiCopy");
        assert.deepStrictEqual([(copy.inputs as any).encrypted, (copy.inputs as any).kmsKeyId, (copy.inputs as any).sourceAmiRegion], [true, (key.outputs as any).arn, "ap-south-1"]);
        const policy = json((key.inputs as any).policy);
        const copier = policy.Statement.find((s: any) => s.Sid === "DeployerCopiesAmisThroughEc2");
        assert.deepStrictEqual(copier.Condition, { StringEquals: { "kms:ViaService": "ec2.ap-south-2.amazonaws.com", "kms:CallerAccount": "111122223333" }, ArnEquals: { "aws:PrincipalArn": [DEPLOYER] } });
        assert.strictEqual((only(engine, "aws:ec2/launchTemplate:LaunchTemplate").inputs as any).imageId, copy.id);
    });

    it("passes clean user data base64-encoded", async () => {
        const engine = await setupMocks({ stack: "mumbai", region: "ap-south-1" });
        new SpotFleet("workers", mumbaiArgs({ userData: "#!/bin/bash\nsystemctl start grid-worker\n" }));
        await engine.settle();
        const lt = only(engine, "aws:ec2/launchTemplate:LaunchTemplate").inputs as any;
        assert.strictEqual(Buffer.from(lt.userData, "base64").toString(), "#!/bin/bash\nsystemctl start grid-worker\n");
    });
});

describe("components/compute/spot-fleet: argument validation", () => {
    const cases: [string, Partial<SpotFleetArgs>, RegExp][] = [
        ["secrets in user data", { userData: "export AWS_SECRET_ACCESS_KEY=abc\naws_secret_access_key=wJalrXUtnFEMI" }, /userData contains an AWS secret access key/],
        ["too few pools", { instanceTypes: ["c6i.4xlarge", "c6a.4xlarge", "c5.4xlarge"] }, /9 capacity pools \(3 instance types x 3 AZs\) is fewer than the minimum 10/],
        ["empty types", { instanceTypes: [] }, /instanceTypes is empty/],
        ["min > max", { capacity: { min: 5, max: 2 } }, /capacity \{"min":5,"max":2\} needs integers with 0 <= min <= max/],
        ["malformed AMI", { ami: { kind: "id", amiId: "ami-12" } }, /ami.amiId "ami-12" is not an AMI id/],
        ["unpinned lookup", { ami: { kind: "lookup", namePattern: "worker-*", owners: [] } }, /ami.owners is empty/],
        ["unknown time zone", { schedule: { timeZone: "Asia/Mumbai", scaleUp: "08:45", scaleDown: "16:00", days: ["MON"], desired: 1 } }, /schedule.timeZone "Asia\/Mumbai" is not an IANA time zone/],
        ["unknown engine", { engine: "ec2-fleet" as never }, /engine "ec2-fleet" is unknown; use autoscaling or spot-fleet/],
        ["on-demand base above max", { onDemandBaseCapacity: 300 }, /onDemandBaseCapacity 300/],
        ["bad retention", { interruptionLogRetentionDays: 100 }, /interruptionLogRetentionDays 100 is not a CloudWatch Logs retention/],
    ];
    for (const [what, change, re] of cases) it(`rejects ${what}`, () => assert.throws(() => validateSpotFleetArgs(mumbaiArgs(change)), re));

    it("allows fewer pools when the caller lowers the minimum", () => {
        assert.doesNotThrow(() => validateSpotFleetArgs(mumbaiArgs({ instanceTypes: ["c6i.4xlarge"], minCapacityPools: 3 })));
    });

    it("creates nothing when the arguments are wrong", async () => {
        const engine = await setupMocks({ stack: "mumbai", region: "ap-south-1" });
        assert.throws(() => new SpotFleet("workers", mumbaiArgs({ userData: "DB_PASSWORD=hunter2hunter2" })), /userData contains a password/);
        await engine.settle();
        assert.deepStrictEqual(engine.resources().filter((r) => r.custom).map((r) => r.type), []);
    });
});
