import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { AwsEmulator, EMULATED_TYPES, OFFLINE_ACCOUNT_ID, TAGGABLE_TYPES } from "../../../tools/offline/aws-emulation";

const em = new AwsEmulator({ stack: "mumbai", region: "ap-south-1" });
const create = (type: string, name: string, inputs: Record<string, unknown> = {}) =>
    em.newResource({ type, name, inputs, custom: true, provider: "" } as any);

describe("offline engine: AWS emulation", () => {
    const formats: [string, Record<string, unknown>, RegExp, RegExp | undefined][] = [
        ["aws:ec2/vpc:Vpc", {}, /^vpc-[0-9a-f]{17}$/, /^arn:aws:ec2:ap-south-1:111122223333:vpc\/vpc-[0-9a-f]{17}$/],
        ["aws:ec2/subnet:Subnet", { availabilityZone: "ap-south-1b" }, /^subnet-[0-9a-f]{17}$/, /:subnet\/subnet-/],
        ["aws:ec2/securityGroup:SecurityGroup", {}, /^sg-[0-9a-f]{17}$/, /:security-group\/sg-/],
        ["aws:ec2/vpcEndpoint:VpcEndpoint", { serviceName: "com.amazonaws.ap-south-1.s3" }, /^vpce-[0-9a-f]{17}$/, /:vpc-endpoint\/vpce-/],
        ["aws:ec2/launchTemplate:LaunchTemplate", {}, /^lt-[0-9a-f]{17}$/, /:launch-template\/lt-/],
        ["aws:ec2/vpnGateway:VpnGateway", {}, /^vgw-[0-9a-f]{17}$/, /:vpn-gateway\/vgw-/],
        ["aws:ec2/customerGateway:CustomerGateway", {}, /^cgw-[0-9a-f]{17}$/, /:customer-gateway\/cgw-/],
        ["aws:ec2/vpnConnection:VpnConnection", {}, /^vpn-[0-9a-f]{17}$/, /:vpn-connection\/vpn-/],
        ["aws:kms/key:Key", {}, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/, /^arn:aws:kms:ap-south-1:111122223333:key\/[0-9a-f-]{36}$/],
        ["aws:iam/role:Role", { name: "spot-grid-workers-ap-south-1" }, /^spot-grid-workers-ap-south-1$/, /^arn:aws:iam::111122223333:role\/spot-grid-workers-ap-south-1$/],
        ["aws:iam/policy:Policy", { name: "p" }, /^arn:aws:iam::111122223333:policy\/p$/, /^arn:aws:iam::111122223333:policy\/p$/],
        ["aws:s3/bucket:Bucket", { bucket: "spot-grid-data" }, /^spot-grid-data$/, /^arn:aws:s3:::spot-grid-data$/],
        ["aws:sns/topic:Topic", { name: "alerts" }, /^arn:aws:sns:ap-south-1:111122223333:alerts$/, /^arn:aws:sns:ap-south-1:111122223333:alerts$/],
        ["aws:cloudwatch/logGroup:LogGroup", { name: "/spot-grid/x" }, /^\/spot-grid\/x$/, /^arn:aws:logs:ap-south-1:111122223333:log-group:\/spot-grid\/x$/],
        ["aws:autoscaling/group:Group", { name: "workers" }, /^workers$/, /^arn:aws:autoscaling:ap-south-1:111122223333:autoScalingGroup:[0-9a-f-]{36}:autoScalingGroupName\/workers$/],
        ["aws:ec2/spotFleetRequest:SpotFleetRequest", {}, /^sfr-[0-9a-f-]{36}$/, undefined],
        ["aws:route53/resolverEndpoint:ResolverEndpoint", { direction: "INBOUND" }, /^rslvr-in-[0-9a-f]{17}$/, /^arn:aws:route53resolver:ap-south-1:111122223333:resolver-endpoint\/rslvr-in-/],
        // The audit layer: the trail's id is its ARN (as the provider imports it), Config rules get config-rule-<id>.
        ["aws:cloudtrail/trail:Trail", { name: "spot-grid-account-trail" }, /^arn:aws:cloudtrail:ap-south-1:111122223333:trail\/spot-grid-account-trail$/, /^arn:aws:cloudtrail:ap-south-1:111122223333:trail\/spot-grid-account-trail$/],
        ["aws:cfg/rule:Rule", { name: "spot-grid-mumbai-encrypted-volumes" }, /^spot-grid-mumbai-encrypted-volumes$/, /^arn:aws:config:ap-south-1:111122223333:config-rule\/config-rule-[0-9a-f]{6}$/],
        ["aws:cfg/recorder:Recorder", { name: "spot-grid" }, /^spot-grid$/, undefined],
        ["aws:cfg/deliveryChannel:DeliveryChannel", {}, /^default$/, undefined],
        ["aws:cloudwatch/logMetricFilter:LogMetricFilter", { name: "cis-root-account-use" }, /^cis-root-account-use$/, undefined],
        ["aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration", { bucket: "spot-grid-archive" }, /^spot-grid-archive$/, undefined],
        // [flow] a queue's id is its URL, as the provider reports it
        ["aws:sqs/queue:Queue", { name: "spot-grid-mumbai-jobs" }, /^https:\/\/sqs\.ap-south-1\.amazonaws\.com\/111122223333\/spot-grid-mumbai-jobs$/, /^arn:aws:sqs:ap-south-1:111122223333:spot-grid-mumbai-jobs$/],
        ["aws:autoscaling/policy:Policy", { name: "spot-grid-mumbai-job-backlog", autoscalingGroupName: "workers" }, /^spot-grid-mumbai-job-backlog$/, /^arn:aws:autoscaling:ap-south-1:111122223333:scalingPolicy:[0-9a-f-]{36}:autoScalingGroupName\/workers:policyName\/spot-grid-mumbai-job-backlog$/],
        ["aws:appautoscaling/policy:Policy", { name: "p", serviceNamespace: "ec2", resourceId: "spot-fleet-request/sfr-1" }, /^p$/, /^arn:aws:autoscaling:ap-south-1:111122223333:scalingPolicy:[0-9a-f-]{36}:resource\/ec2\/spot-fleet-request\/sfr-1:policyName\/p$/],
    ];
    for (const [type, inputs, id, arn] of formats) {
        it(`gives ${type} an id${arn ? " and ARN" : ""} in AWS's format`, () => {
            const r = create(type, "x", inputs);
            assert.match(String(r.id), id);
            if (arn) assert.match(String(r.state.arn), arn);
            assert.strictEqual(r.state.id, r.id);
        });
    }

    it("gives a queue its URL as id and output, an auto-named queue its provider-style name, and a queue policy the queue's URL as id", () => {
        const q = create("aws:sqs/queue:Queue", "jobs", { name: "spot-grid-mumbai-jobs" });
        assert.strictEqual(q.state.url, q.id);
        assert.match(String(create("aws:sqs/queue:Queue", "Adhoc").state.name), /^Adhoc-[0-9a-f]{7}$/);
        assert.strictEqual(create("aws:sqs/queuePolicy:QueuePolicy", "p", { queueUrl: q.id }).id, q.id);
    });

    it("is deterministic per stack and resource, and differs between stacks", () => {
        assert.strictEqual(create("aws:ec2/vpc:Vpc", "main").id, create("aws:ec2/vpc:Vpc", "main").id);
        const other = new AwsEmulator({ stack: "ohio", region: "us-east-2" }).newResource({ type: "aws:ec2/vpc:Vpc", name: "main", inputs: {}, custom: true } as any);
        assert.notStrictEqual(other.id, create("aws:ec2/vpc:Vpc", "main").id);
    });

    it("auto-names physical names as the provider does (bucket names lower-case)", () => {
        const r = create("aws:s3/bucket:Bucket", "Data");
        assert.match(String(r.state.bucket), /^data-[0-9a-f]{7}$/);
        assert.strictEqual(r.state.arn, `arn:aws:s3:::${r.state.bucket}`);
        assert.strictEqual(create("aws:s3/bucket:Bucket", "d", { bucket: "given" }).state.bucket, "given");
    });

    it("keeps the inputs in the state and adds the VPC's default resources", () => {
        const r = create("aws:ec2/vpc:Vpc", "v", { cidrBlock: "10.20.0.0/16" });
        assert.strictEqual(r.state.cidrBlock, "10.20.0.0/16");
        assert.match(r.state.defaultSecurityGroupId, /^sg-/);
        assert.match(r.state.defaultNetworkAclId, /^acl-/);
        assert.match(r.state.mainRouteTableId, /^rtb-/);
    });

    it("gives gateway endpoints a prefix list and interface endpoints DNS entries", () => {
        const gw = create("aws:ec2/vpcEndpoint:VpcEndpoint", "s3gw", { serviceName: "com.amazonaws.ap-south-1.s3", vpcEndpointType: "Gateway" });
        assert.match(gw.state.prefixListId, /^pl-[0-9a-f]{8}$/);
        const itf = create("aws:ec2/vpcEndpoint:VpcEndpoint", "s3if", { serviceName: "com.amazonaws.ap-south-1.s3", vpcEndpointType: "Interface", subnetIds: ["subnet-1", "subnet-2"] });
        // S3's interface endpoint names are wildcards for bucket names (see aws-emulation-network.test.ts).
        assert.match(itf.state.dnsEntries[0].dnsName, /^\*\.vpce-[0-9a-f]{17}-[0-9a-f]{8}\.s3\.ap-south-1\.vpce\.amazonaws\.com$/);
        assert.strictEqual(itf.state.networkInterfaceIds.length, 2);
    });

    it("maps subnets to AZ ids and names the S3 split resources by their bucket", () => {
        assert.strictEqual(create("aws:ec2/subnet:Subnet", "s", { availabilityZone: "ap-south-1c" }).state.availabilityZoneId, "aps1-az3");
        assert.strictEqual(create("aws:s3/bucketVersioning:BucketVersioning", "v", { bucket: "b1" }).id, "b1");
    });

    it("gives unknown types a generic but valid id, never a crash", () => {
        const r = create("acme:widgets/gizmo:Gizmo", "g", { size: 3 });
        assert.match(String(r.id), /^gizmo-[0-9a-f]{17}$/);
        assert.strictEqual(r.state.size, 3);
    });

    it("answers caller identity, region, partition and the region's real AZ names", () => {
        assert.strictEqual(em.call({ token: "aws:index/getCallerIdentity:getCallerIdentity", inputs: {} } as any).accountId, OFFLINE_ACCOUNT_ID);
        assert.strictEqual(em.call({ token: "aws:index/getRegion:getRegion", inputs: {} } as any).name, "ap-south-1");
        assert.strictEqual(em.call({ token: "aws:index/getPartition:getPartition", inputs: {} } as any).partition, "aws");
        const ohio = new AwsEmulator({ stack: "ohio", region: "us-east-2" });
        const azs = ohio.call({ token: "aws:index/getAvailabilityZones:getAvailabilityZones", inputs: { state: "available" } } as any);
        assert.deepStrictEqual(azs.names, ["us-east-2a", "us-east-2b", "us-east-2c"]);
        assert.deepStrictEqual(azs.zoneIds, ["use2-az1", "use2-az2", "use2-az3"]);
    });

    it("renders iam.getPolicyDocument to the JSON AWS stores", () => {
        const r = em.call({
            token: "aws:iam/getPolicyDocument:getPolicyDocument",
            inputs: {
                statements: [
                    { actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["ec2.amazonaws.com"] }], conditions: [{ test: "StringEquals", variable: "aws:SourceAccount", values: ["111122223333"] }] },
                    { effect: "Deny", actions: ["s3:*"], resources: ["arn:aws:s3:::b", "arn:aws:s3:::b/*"], principals: [{ type: "*", identifiers: ["*"] }], conditions: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }] },
                ],
            },
        } as any);
        assert.deepStrictEqual(JSON.parse(r.json), {
            Version: "2012-10-17",
            Statement: [
                { Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: "ec2.amazonaws.com" }, Condition: { StringEquals: { "aws:SourceAccount": "111122223333" } } },
                { Effect: "Deny", Action: "s3:*", Resource: ["arn:aws:s3:::b", "arn:aws:s3:::b/*"], Principal: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } },
            ],
        });
    });

    it("throws on invokes it does not emulate, naming the token", () => {
        assert.throws(() => em.call({ token: "aws:rds/getInstance:getInstance", inputs: {} } as any), /no emulation for invoke aws:rds\/getInstance:getInstance/);
    });

    it("answers StackReferences with the peer's outputs and fails clearly for an unplanned peer", () => {
        const withPeer = new AwsEmulator({ stack: "mumbai", region: "ap-south-1", stackOutputs: { ohio: { bucketArn: "arn:aws:s3:::x" } } });
        const ref = withPeer.newResource({ type: "pulumi:pulumi:StackReference", name: "o", inputs: { name: "org/spot-grid/ohio" }, custom: true } as any);
        assert.deepStrictEqual(ref.state.outputs, { bucketArn: "arn:aws:s3:::x" });
        assert.throws(
            () => withPeer.newResource({ type: "pulumi:pulumi:StackReference", name: "h", inputs: { name: "org/spot-grid/hyderabad" }, custom: true } as any),
            /no offline outputs for stack 'hyderabad'; plan it first/,
        );
    });

    describe("tags", () => {
        const withProvider = (): { em: AwsEmulator; provider: string } => {
            const e = new AwsEmulator({ stack: "mumbai", region: "ap-south-1" });
            const p = e.newResource({ type: "pulumi:providers:aws", name: "aws-ap-south-1", inputs: { region: "ap-south-1", defaultTags: JSON.stringify({ tags: { owner: "grid", stack: "mumbai" } }) }, custom: true } as any);
            return { em: e, provider: `urn:pulumi:mumbai::spot-grid::pulumi:providers:aws::aws-ap-south-1::${p.id}` };
        };

        it("reports tagsAll as the resource's tags over the provider's default tags", () => {
            const { em: e, provider } = withProvider();
            const vpc = e.newResource({ type: "aws:ec2/vpc:Vpc", name: "v", inputs: { tags: { Name: "v", owner: "me" } }, custom: true, provider } as any);
            assert.deepStrictEqual(vpc.state.tagsAll, { owner: "me", stack: "mumbai", Name: "v" });
            assert.deepStrictEqual(vpc.state.tags, { Name: "v", owner: "me" });
        });

        it("gives untagged taggable resources the default tags, and no tagsAll where AWS has no tags", () => {
            const { em: e, provider } = withProvider();
            assert.deepStrictEqual(e.newResource({ type: "aws:kms/key:Key", name: "k", inputs: {}, custom: true, provider } as any).state.tagsAll, { owner: "grid", stack: "mumbai" });
            assert.ok(!("tagsAll" in e.newResource({ type: "aws:kms/alias:Alias", name: "a", inputs: {}, custom: true, provider } as any).state));
        });

        // The provider declares `tagsAll` on exactly the taggable resources: read @pulumi/aws's types.
        it("marks exactly the emulated types whose @pulumi/aws class declares tagsAll as taggable", () => {
            const sdk = path.dirname(require.resolve("@pulumi/aws/package.json"));
            const declaresTagsAll = (type: string): boolean => {
                const [, mod, rest] = /^aws:([^/]+)\/([^:]+):/.exec(type)!;
                return fs.readFileSync(path.join(sdk, mod, `${rest}.d.ts`), "utf8").includes("readonly tagsAll");
            };
            const expected = EMULATED_TYPES.filter((t) => t.startsWith("aws:") && declaresTagsAll(t)).sort();
            assert.deepStrictEqual([...TAGGABLE_TYPES].filter((t) => EMULATED_TYPES.includes(t)).sort(), expected);
        });
    });
});
