/**
 * Scaling on demand as well as on the clock: the backlog-per-instance target-tracking policy
 * (metric math), and how it shares the group with the trading-session schedule and `pulumi up`:
 * the schedule owns the floor, the policy owns the desired capacity above it, Pulumi ignores both.
 */
import * as assert from "assert";
import { backlogMetricQueries, backlogPerInstance, BACKLOG_PER_INSTANCE_EXPRESSION, validateBacklogScaling } from "../../../components/compute/backlog-scaling";
import { planTradingSchedule, TradingSession, UNCHANGED_CAPACITY } from "../../../components/compute/schedule";
import { SpotFleet, SpotFleetArgs } from "../../../components/compute/spot-fleet";
import { ofType, OfflineEngine, RecordedResource, setupMocks } from "../../helpers/mocks";

const SESSION: TradingSession = { timeZone: "Asia/Kolkata", scaleUp: "08:45", scaleDown: "16:00", days: ["MON", "TUE", "WED", "THU", "FRI"], desired: 120 };
const BACKLOG = { queueName: "spot-grid-mumbai-jobs", backlogPerInstance: 10 };

function args(over: Partial<SpotFleetArgs> = {}): SpotFleetArgs {
    return {
        stack: "mumbai",
        region: "ap-south-1",
        ami: { kind: "id", amiId: "ami-0a1b2c3d4e5f60718" },
        instanceTypes: ["c6i.4xlarge", "c6a.4xlarge", "c5.4xlarge", "m6i.4xlarge"],
        subnets: ["a", "b", "c"].map((az, i) => ({ subnetId: `subnet-0${i}`, availabilityZone: `ap-south-1${az}` })),
        securityGroupId: "sg-0123456789abcdef0",
        capacity: { min: 0, max: 200 },
        schedule: SESSION,
        backlogScaling: BACKLOG,
        ...over,
    };
}

const only = (engine: OfflineEngine, type: string): RecordedResource => {
    const hits = ofType(engine, type);
    assert.strictEqual(hits.length, 1, `expected one ${type}, found ${hits.length}`);
    return hits[0];
};

describe("components/compute/backlog-scaling: the planner", () => {
    it("backlog per instance is visible jobs / workers in service, and the backlog itself with none in service (scale out of an empty group)", () => {
        assert.strictEqual(backlogPerInstance(300, 30), 10);
        assert.strictEqual(backlogPerInstance(0, 30), 0);
        assert.strictEqual(backlogPerInstance(25, 0), 25, "a plain division by zero gives no data point and would never scale out");
        assert.strictEqual(BACKLOG_PER_INSTANCE_EXPRESSION, "IF(instances > 0, backlog / instances, backlog)");
    });
    it("queries the job queue's visible messages and the group's in-service instances (or the fleet's fulfilled capacity); only the expression returns", () => {
        const asg = backlogMetricQueries("spot-grid-mumbai-jobs", { engine: "autoscaling", groupName: "spot-grid-mumbai-workers" });
        assert.deepStrictEqual(asg.map((q) => [q.id, q.returnData, q.metricStat?.metric.metricName, q.metricStat?.metric.dimensions, q.metricStat?.stat]), [
            ["backlog", false, "ApproximateNumberOfMessagesVisible", [{ name: "QueueName", value: "spot-grid-mumbai-jobs" }], "Sum"],
            ["instances", false, "GroupInServiceInstances", [{ name: "AutoScalingGroupName", value: "spot-grid-mumbai-workers" }], "Average"],
            ["perinstance", true, undefined, undefined, undefined],
        ]);
        const fleet = backlogMetricQueries("q", { engine: "spot-fleet", fleetRequestId: "sfr-1" });
        assert.deepStrictEqual(fleet[1].metricStat?.metric, { namespace: "AWS/EC2Spot", metricName: "FulfilledCapacity", dimensions: [{ name: "FleetRequestId", value: "sfr-1" }] });
        // Metric math ids must start with a lower-case letter and every id the expression uses must exist.
        for (const q of asg) assert.match(q.id, /^[a-z][A-Za-z0-9_]*$/);
        for (const id of BACKLOG_PER_INSTANCE_EXPRESSION.match(/\b[a-z]+\b/g)!) assert.ok(asg.some((q) => q.id === id), id);
    });
    it("refuses targets and warm-ups outside their ranges", () => {
        assert.deepStrictEqual(validateBacklogScaling(BACKLOG), []);
        assert.match(validateBacklogScaling({ ...BACKLOG, backlogPerInstance: 0 })[0], /backlogPerInstance 0 must be a whole number of jobs from 1 to 10000/);
        assert.match(validateBacklogScaling({ ...BACKLOG, instanceWarmupSeconds: 7200 })[0], /instanceWarmupSeconds 7200/);
        assert.match(validateBacklogScaling({ ...BACKLOG, queueName: "no spaces" })[0], /not an SQS queue name/);
    });
    it("with a backlog policy the schedule sets the floor only: the session's desired as minSize at the open, min at the close, never the desired capacity", () => {
        const [open, close] = planTradingSchedule(SESSION, { min: 0, max: 200 }, { desiredFromPolicy: true });
        assert.deepStrictEqual([open.minSize, open.maxSize, open.desired], [120, 200, undefined]);
        assert.deepStrictEqual([close.minSize, close.maxSize, close.desired], [0, 200, undefined]);
        const [plainOpen, plainClose] = planTradingSchedule(SESSION, { min: 0, max: 200 });
        assert.deepStrictEqual([plainOpen.desired, plainClose.desired], [120, 0], "without the policy the schedule still sets the desired capacity");
    });
});

describe("components/compute/backlog-scaling: autoscaling engine under the offline engine", () => {
    let engine: OfflineEngine;
    before(async () => {
        engine = await setupMocks({ stack: "mumbai", region: "ap-south-1" });
        new SpotFleet("workers", args());
        await engine.settle();
    });
    it("attaches one target-tracking policy on backlog per instance (metric math) to the group", () => {
        const policy = only(engine, "aws:autoscaling/policy:Policy");
        const group = only(engine, "aws:autoscaling/group:Group");
        const i = policy.inputs as any;
        assert.deepStrictEqual([i.name, i.autoscalingGroupName, i.policyType, i.estimatedInstanceWarmup, i.targetTrackingConfiguration.targetValue], ["spot-grid-mumbai-job-backlog", group.inputs.name, "TargetTrackingScaling", 300, 10]);
        const metrics = i.targetTrackingConfiguration.customizedMetricSpecification.metrics;
        assert.deepStrictEqual(metrics.map((m: any) => m.id), ["backlog", "instances", "perinstance"]);
        assert.strictEqual(metrics[1].metricStat.metric.dimensions[0].value, group.inputs.name);
        assert.strictEqual(metrics[2].expression, BACKLOG_PER_INSTANCE_EXPRESSION);
        assert.ok((group.inputs as any).enabledMetrics.includes("GroupInServiceInstances"), "the group must publish the metric the policy divides by");
    });
    it("the session's scheduled actions move the floor and leave the desired capacity alone (-1, not the provider's default 0)", () => {
        const actions = Object.fromEntries(ofType(engine, "aws:autoscaling/schedule:Schedule").map((s) => [s.name, s.inputs as any]));
        assert.deepStrictEqual([actions["workers-session-open"].minSize, actions["workers-session-open"].maxSize, actions["workers-session-open"].desiredCapacity], [120, 200, UNCHANGED_CAPACITY]);
        assert.deepStrictEqual([actions["workers-session-close"].minSize, actions["workers-session-close"].maxSize, actions["workers-session-close"].desiredCapacity], [0, 200, UNCHANGED_CAPACITY]);
    });
    it("pulumi up leaves the schedule's floor and the policy's desired capacity alone (ignoreChanges)", () => {
        assert.deepStrictEqual([...(only(engine, "aws:autoscaling/group:Group").ignoreChanges ?? [])].sort(), ["desiredCapacity", "minSize"]);
    });
});

describe("components/compute/backlog-scaling: spot-fleet engine under the offline engine", () => {
    let engine: OfflineEngine;
    before(async () => {
        engine = await setupMocks({ stack: "ohio", region: "us-east-2" });
        new SpotFleet("workers", args({
            stack: "ohio",
            region: "us-east-2",
            engine: "spot-fleet",
            subnets: ["a", "b", "c"].map((az, i) => ({ subnetId: `subnet-0${i}`, availabilityZone: `us-east-2${az}` })),
            schedule: { ...SESSION, timeZone: "America/New_York", scaleUp: "09:00", scaleDown: "16:30", desired: 100 },
            capacity: { min: 0, max: 150 },
            backlogScaling: { queueName: "spot-grid-ohio-jobs", backlogPerInstance: 5, instanceWarmupSeconds: 240 },
        }));
        await engine.settle();
    });
    it("tracks the backlog per fulfilled capacity unit through Application Auto Scaling", () => {
        const target = only(engine, "aws:appautoscaling/target:Target");
        const i = only(engine, "aws:appautoscaling/policy:Policy").inputs as any;
        assert.deepStrictEqual([i.policyType, i.resourceId, i.scalableDimension], ["TargetTrackingScaling", target.inputs.resourceId, "ec2:spot-fleet-request:TargetCapacity"]);
        const c = i.targetTrackingScalingPolicyConfiguration;
        assert.deepStrictEqual([c.targetValue, c.scaleOutCooldown], [5, 240]);
        assert.deepStrictEqual(c.customizedMetricSpecification.metrics.map((m: any) => m.metricStat?.metric.metricName ?? m.expression), ["ApproximateNumberOfMessagesVisible", "FulfilledCapacity", BACKLOG_PER_INSTANCE_EXPRESSION]);
    });
    it("the close lowers the floor but not the ceiling, so the policy can still serve a backlog after the session", () => {
        const byName = Object.fromEntries(ofType(engine, "aws:appautoscaling/scheduledAction:ScheduledAction").map((s) => [s.name, (s.inputs as any).scalableTargetAction]));
        assert.deepStrictEqual(byName["workers-session-open"], { minCapacity: 100, maxCapacity: 150 });
        assert.deepStrictEqual(byName["workers-session-close"], { minCapacity: 0, maxCapacity: 150 });
    });
});
