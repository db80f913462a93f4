/**
 * The network components under the offline engine (mock runtime + AWS emulation + recorder):
 * assertions on what would be sent to AWS (inputs), tags, parents and dependencies.
 */
import * as assert from "assert";
import { ipv4CidrContains, ipv4CidrsOverlap } from "../../../components/lib/cidr";
import { HybridLink } from "../../../components/network/hybrid-link";
import { PrivateNetwork } from "../../../components/network/private-network";
import { RegionalNetwork, RegionalNetworkArgs } from "../../../components/network/regional-network";
import { ServiceEndpoints } from "../../../components/network/service-endpoints";
import { WorkersSecurityGroup } from "../../../components/network/workers-security-group";
import { named, OfflineEngine, ofType, promiseOf, RecordedResource, setupMocks } from "../../helpers/mocks";

const T = {
    vpc: "aws:ec2/vpc:Vpc",
    subnet: "aws:ec2/subnet:Subnet",
    routeTable: "aws:ec2/routeTable:RouteTable",
    defaultRouteTable: "aws:ec2/defaultRouteTable:DefaultRouteTable",
    route: "aws:ec2/route:Route",
    propagation: "aws:ec2/vpnGatewayRoutePropagation:VpnGatewayRoutePropagation",
    vgw: "aws:ec2/vpnGateway:VpnGateway",
    cgw: "aws:ec2/customerGateway:CustomerGateway",
    vpn: "aws:ec2/vpnConnection:VpnConnection",
    vpnRoute: "aws:ec2/vpnConnectionRoute:VpnConnectionRoute",
    endpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
    sg: "aws:ec2/securityGroup:SecurityGroup",
    defaultSg: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
    defaultNacl: "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl",
    nacl: "aws:ec2/networkAcl:NetworkAcl",
    flowLog: "aws:ec2/flowLog:FlowLog",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    key: "aws:kms/key:Key",
    role: "aws:iam/role:Role",
    alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
    resolver: "aws:route53/resolverEndpoint:ResolverEndpoint",
};

/** Types that would give the VPC a path to or from the internet. */
const INTERNET_TYPES = [
    "aws:ec2/internetGateway:InternetGateway",
    "aws:ec2/internetGatewayAttachment:InternetGatewayAttachment",
    "aws:ec2/egressOnlyInternetGateway:EgressOnlyInternetGateway",
    "aws:ec2/natGateway:NatGateway",
    "aws:ec2/eip:Eip",
    "aws:ec2/eipAssociation:EipAssociation",
];

const MUMBAI_AZS = ["ap-south-1a", "ap-south-1b", "ap-south-1c"];

function args(overrides: Partial<RegionalNetworkArgs> = {}): RegionalNetworkArgs {
    return {
        cidrBlock: "10.20.0.0/16",
        availabilityZones: MUMBAI_AZS,
        onPremCidrs: ["172.16.0.0/12"],
        onPremGatewayIp: "203.0.113.10",
        onPremBgpAsn: 65010,
        alarmActions: [OPS_TOPIC],
        tunnelInsideCidrs: ["169.254.10.0/30", "169.254.10.4/30"],
        ...overrides,
    };
}

const OPS_TOPIC = "arn:aws:sns:ap-south-1:111122223333:spot-grid-mumbai-operations";

interface Planned {
    engine: OfflineEngine;
    network: RegionalNetwork;
}

async function plan(a: RegionalNetworkArgs, name = "mumbai"): Promise<Planned> {
    const engine = await setupMocks({ stack: "mumbai", region: "ap-south-1" });
    const network = new RegionalNetwork(name, a);
    await promiseOf(network.workersSecurityGroupId);
    await engine.settle();
    return { engine, network };
}

const parentType = (engine: OfflineEngine, r: RecordedResource): string | undefined => engine.resources().find((p) => p.urn === r.parent)?.type;
const json = (r: RecordedResource, field = "policy"): any => JSON.parse(String(r.inputs[field]));
const arr = (v: unknown): any[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

describe("components/network under the offline engine", function () {
    describe("the default mumbai network", () => {
        let p: Planned;
        let rs: RecordedResource[];
        before(async () => {
            p = await plan(args());
            rs = p.engine.resources();
        });

        it("has no internet-facing resource of any type", () => {
            for (const t of INTERNET_TYPES) assert.deepStrictEqual(ofType(p.engine, t).map((r) => r.name), [], t);
            assert.ok(rs.length > 40, `expected the whole network, got ${rs.length} resources`);
        });

        it("no route anywhere leads to an internet gateway or NAT: no Route resources, no inline routes, empty main table", () => {
            assert.deepStrictEqual(ofType(p.engine, T.route), []);
            for (const t of ofType(p.engine, T.routeTable)) assert.deepStrictEqual(arr(t.inputs.routes), [], t.name);
            const main = named(p.engine, T.defaultRouteTable, "mumbai-main");
            assert.deepStrictEqual(main.inputs.routes, []);
            assert.strictEqual(main.inputs.defaultRouteTableId, ofType(p.engine, T.vpc)[0].outputs.defaultRouteTableId);
        });

        it("every route to a non-VPC range comes from the VGW (propagation) or the S3 gateway endpoint, on every private table", () => {
            const vgw = named(p.engine, T.vgw, "mumbai");
            const tables = ofType(p.engine, T.routeTable).map((t) => t.id).sort();
            assert.strictEqual(tables.length, 3);
            const propagated = ofType(p.engine, T.propagation);
            for (const pr of propagated) assert.strictEqual(pr.inputs.vpnGatewayId, vgw.id);
            assert.deepStrictEqual(propagated.map((pr) => pr.inputs.routeTableId).sort(), tables);
            const gw = named(p.engine, T.endpoint, "mumbai-s3-gateway");
            assert.deepStrictEqual([...(gw.inputs.routeTableIds as string[])].sort(), tables);
            assert.strictEqual(gw.inputs.vpcEndpointType, "Gateway");
        });

        it("the VGW is attached to the VPC and the VPN uses it", () => {
            const vpc = named(p.engine, T.vpc, "mumbai");
            const vgw = named(p.engine, T.vgw, "mumbai");
            assert.strictEqual(vgw.inputs.vpcId, vpc.id);
            const vpn = named(p.engine, T.vpn, "mumbai");
            assert.strictEqual(vpn.inputs.vpnGatewayId, vgw.id);
            assert.strictEqual(vpn.inputs.customerGatewayId, named(p.engine, T.cgw, "mumbai").id);
        });

        it("each tunnel has the configured inside /30 and logs to the KMS-encrypted VPN log group", () => {
            const vpn = named(p.engine, T.vpn, "mumbai");
            assert.deepStrictEqual([vpn.inputs.tunnel1InsideCidr, vpn.inputs.tunnel2InsideCidr], ["169.254.10.0/30", "169.254.10.4/30"]);
            const group = named(p.engine, T.logGroup, "mumbai-vpn-tunnels");
            const key = named(p.engine, T.key, "mumbai-flow-logs");
            assert.deepStrictEqual([group.inputs.name, group.inputs.kmsKeyId], ["/spot-grid/mumbai/vpn-tunnels", key.outputs.arn]);
            for (const n of [1, 2]) {
                assert.deepStrictEqual((vpn.inputs[`tunnel${n}LogOptions`] as any).cloudwatchLogOptions, { logEnabled: true, logGroupArn: group.outputs.arn, logOutputFormat: "json" }, `tunnel ${n}`);
            }
            // CloudWatch Logs may use the key for this group too, and for no other.
            const logs = JSON.parse(String(key.inputs.policy)).Statement.find((st: any) => st.Sid === "CloudWatchLogsUsesKeyForThisLogGroupOnly");
            assert.deepStrictEqual(logs.Condition.ArnEquals["kms:EncryptionContext:aws:logs:arn"], [
                "arn:aws:logs:ap-south-1:111122223333:log-group:/spot-grid/mumbai/vpc-flow-logs",
                "arn:aws:logs:ap-south-1:111122223333:log-group:/spot-grid/mumbai/vpn-tunnels",
            ]);
        });

        it("VPC: DNS support and hostnames on, IPv4 only", () => {
            const vpc = named(p.engine, T.vpc, "mumbai");
            assert.deepStrictEqual([vpc.inputs.cidrBlock, vpc.inputs.enableDnsSupport, vpc.inputs.enableDnsHostnames], ["10.20.0.0/16", true, true]);
            assert.strictEqual(vpc.inputs.assignGeneratedIpv6CidrBlock, undefined);
            assert.strictEqual((vpc.inputs.tags as any).Name, "mumbai");
        });

        it("one private subnet per AZ: non-overlapping, inside the VPC, no public IPs, own route table", () => {
            const subnets = ofType(p.engine, T.subnet);
            assert.deepStrictEqual(subnets.map((s) => [s.name, s.inputs.availabilityZone, s.inputs.cidrBlock]), [
                ["mumbai-private-a", "ap-south-1a", "10.20.0.0/19"],
                ["mumbai-private-b", "ap-south-1b", "10.20.32.0/19"],
                ["mumbai-private-c", "ap-south-1c", "10.20.64.0/19"],
            ]);
            for (const s of subnets) {
                assert.strictEqual(s.inputs.mapPublicIpOnLaunch, false, s.name);
                assert.ok(ipv4CidrContains("10.20.0.0/16", String(s.inputs.cidrBlock)));
                assert.strictEqual(parentType(p.engine, s), "spot-grid:network:PrivateNetwork");
            }
            for (let i = 0; i < subnets.length; i++) for (let j = i + 1; j < subnets.length; j++) {
                assert.ok(!ipv4CidrsOverlap(String(subnets[i].inputs.cidrBlock), String(subnets[j].inputs.cidrBlock)));
            }
            const assoc = ofType(p.engine, "aws:ec2/routeTableAssociation:RouteTableAssociation");
            assert.deepStrictEqual(assoc.map((a) => a.inputs.subnetId).sort(), subnets.map((s) => s.id).sort());
        });

        it("the default security group and default NACL are managed with no rules", () => {
            const vpc = named(p.engine, T.vpc, "mumbai");
            const sg = named(p.engine, T.defaultSg, "mumbai-default");
            assert.deepStrictEqual([sg.inputs.vpcId, sg.inputs.ingress, sg.inputs.egress], [vpc.id, [], []]);
            const nacl = named(p.engine, T.defaultNacl, "mumbai-default");
            assert.deepStrictEqual([nacl.inputs.defaultNetworkAclId, nacl.inputs.ingress, nacl.inputs.egress], [vpc.outputs.defaultNetworkAclId, [], []]);
            assert.strictEqual(nacl.inputs.subnetIds, undefined, "no subnet of ours uses the deny-all default NACL");
        });

        it("the private subnets use their own NACL", () => {
            const nacl = named(p.engine, T.nacl, "mumbai-private");
            assert.deepStrictEqual([...(nacl.inputs.subnetIds as string[])].sort(), ofType(p.engine, T.subnet).map((s) => s.id).sort());
        });

        it("flow logs: all traffic to a KMS-encrypted log group with retention, delivered by a scoped role", () => {
            const fl = named(p.engine, T.flowLog, "mumbai");
            const group = named(p.engine, T.logGroup, "mumbai-flow-logs");
            const key = named(p.engine, T.key, "mumbai-flow-logs");
            const role = named(p.engine, T.role, "mumbai-flow-logs");
            assert.deepStrictEqual(
                [fl.inputs.vpcId, fl.inputs.trafficType, fl.inputs.logDestinationType, fl.inputs.logDestination, fl.inputs.iamRoleArn],
                [named(p.engine, T.vpc, "mumbai").id, "ALL", "cloud-watch-logs", group.outputs.arn, role.outputs.arn],
            );
            assert.deepStrictEqual([group.inputs.name, group.inputs.kmsKeyId, group.inputs.retentionInDays], ["/spot-grid/mumbai/vpc-flow-logs", key.outputs.arn, 365]);
            assert.strictEqual(key.inputs.enableKeyRotation, true);
            assert.ok(key.protect && key.retainOnDelete, "the flow-log key is protected and retained");
            const keyPolicy = json(key);
            const logs = keyPolicy.Statement.find((s: any) => s.Principal?.Service === "logs.ap-south-1.amazonaws.com");
            assert.ok(logs.Condition.ArnEquals["kms:EncryptionContext:aws:logs:arn"].includes(group.outputs.arn));
            const trust = json(role, "assumeRolePolicy");
            assert.strictEqual(trust.Statement[0].Condition.StringEquals["aws:SourceAccount"], "111122223333");
            assert.strictEqual(role.inputs.name, "spot-grid-mumbai-flow-logs-ap-south-1");
            const delivery = ofType(p.engine, "aws:iam/rolePolicy:RolePolicy").find((r) => r.name === "mumbai-flow-logs")!;
            assert.ok(fl.dependencies.includes(delivery.urn), "the flow log waits for its permissions");
        });

        it("VPN: BGP by default, IKEv2 and strong ciphers on both tunnels, AWS-generated keys kept out of state", () => {
            const vpn = named(p.engine, T.vpn, "mumbai");
            assert.strictEqual(vpn.inputs.staticRoutesOnly, false);
            assert.deepStrictEqual(ofType(p.engine, T.vpnRoute), []);
            for (const n of [1, 2]) {
                assert.deepStrictEqual(vpn.inputs[`tunnel${n}IkeVersions`], ["ikev2"]);
                for (const phase of [1, 2]) {
                    for (const alg of vpn.inputs[`tunnel${n}Phase${phase}EncryptionAlgorithms`] as string[]) assert.match(alg, /^AES256/);
                    for (const alg of vpn.inputs[`tunnel${n}Phase${phase}IntegrityAlgorithms`] as string[]) assert.match(alg, /^SHA2-/);
                    for (const g of vpn.inputs[`tunnel${n}Phase${phase}DhGroupNumbers`] as number[]) assert.ok(g >= 19, `DH group ${g}`);
                }
                assert.strictEqual(vpn.inputs[`tunnel${n}PresharedKey`], undefined);
            }
            assert.strictEqual(vpn.inputs.presharedKeyStorage, "SecretsManager");
            assert.ok(vpn.additionalSecretOutputs.includes("tunnel1PresharedKey") && vpn.additionalSecretOutputs.includes("tunnel2PresharedKey"));
            const cgw = named(p.engine, T.cgw, "mumbai");
            assert.deepStrictEqual([cgw.inputs.ipAddress, cgw.inputs.bgpAsn, cgw.inputs.type], ["203.0.113.10", "65010", "ipsec.1"]);
        });

        it("alarms on the VPN's TunnelState, to the operations topic", () => {
            const vpn = named(p.engine, T.vpn, "mumbai");
            const alarms = ofType(p.engine, T.alarm).filter((a) => a.inputs.namespace === "AWS/VPN");
            assert.deepStrictEqual(alarms.map((a) => [a.name, a.inputs.statistic]), [["mumbai-link-down", "Maximum"], ["mumbai-tunnel-down", "Minimum"]]);
            for (const a of alarms) {
                assert.deepStrictEqual([a.inputs.namespace, a.inputs.metricName, (a.inputs.dimensions as any).VpnId], ["AWS/VPN", "TunnelState", vpn.id]);
                assert.deepStrictEqual([a.inputs.comparisonOperator, a.inputs.threshold], ["LessThanThreshold", 1]);
                assert.deepStrictEqual(a.inputs.alarmActions, [OPS_TOPIC], `${a.name} must reach a person`);
            }
        });

        it("alarms when flow-log events stop arriving (delivery failing), to the operations topic", () => {
            const alarm = named(p.engine, T.alarm, "mumbai-flow-logs-delivery").inputs as any;
            assert.deepStrictEqual([alarm.namespace, alarm.metricName, alarm.dimensions.LogGroupName], ["AWS/Logs", "IncomingLogEvents", "/spot-grid/mumbai/vpc-flow-logs"]);
            assert.deepStrictEqual([alarm.comparisonOperator, alarm.threshold, alarm.treatMissingData, alarm.alarmActions], ["LessThanThreshold", 1, "breaching", [OPS_TOPIC]]);
        });

        it("every endpoint whose service takes a policy has one scoped to this account; the SSM message channels have none", () => {
            const endpoints = ofType(p.engine, T.endpoint);
            assert.strictEqual(endpoints.length, 12, "S3 gateway + S3 interface + 10 default interface endpoints");
            for (const e of endpoints) {
                const service = String(e.inputs.serviceName).replace("com.amazonaws.ap-south-1.", "");
                if (service === "ssmmessages" || service === "ec2messages") {
                    // AWS documents no endpoint policy for them (endpoint-catalogue.ts): send none.
                    assert.strictEqual(e.inputs.policy, undefined, `${e.name} has a policy its service ignores`);
                    continue;
                }
                assert.ok(typeof e.inputs.policy === "string" && e.inputs.policy.length > 0, `${e.name} has no policy`);
                for (const s of json(e).Statement) {
                    assert.strictEqual(s.Effect, "Allow");
                    // The one exception: unauthenticated reads of AWS's agent and repository buckets.
                    if (s.Sid === "AwsOwnedAgentAndRepoBucketsReadOnly") {
                        assert.deepStrictEqual([s.Action, s.Condition], ["s3:GetObject", undefined]);
                        continue;
                    }
                    assert.strictEqual(s.Condition?.StringEquals?.["aws:PrincipalAccount"], "111122223333", `${e.name} ${s.Sid}`);
                }
            }
        });

        it("interface endpoints: private DNS, in every private subnet, behind the endpoint security group", () => {
            const sg = named(p.engine, T.sg, "mumbai-endpoints");
            const subnets = ofType(p.engine, T.subnet).map((s) => s.id).sort();
            const iface = ofType(p.engine, T.endpoint).filter((e) => e.inputs.vpcEndpointType === "Interface");
            assert.deepStrictEqual(iface.map((e) => String(e.inputs.serviceName).replace("com.amazonaws.ap-south-1.", "")).sort(), [
                "autoscaling", "ec2", "ec2messages", "kms", "logs", "monitoring", "s3", "sqs", "ssm", "ssmmessages", "sts",
            ]);
            for (const e of iface) {
                assert.strictEqual(e.inputs.privateDnsEnabled, true, e.name);
                assert.deepStrictEqual([...(e.inputs.subnetIds as string[])].sort(), subnets, e.name);
                assert.deepStrictEqual(e.inputs.securityGroupIds, [sg.id], e.name);
            }
        });

        it("the S3 interface endpoint: private DNS for the inbound resolver only, and it depends on the gateway endpoint", () => {
            const s3i = named(p.engine, T.endpoint, "mumbai-s3-interface");
            const gw = named(p.engine, T.endpoint, "mumbai-s3-gateway");
            assert.deepStrictEqual(s3i.inputs.dnsOptions, { privateDnsOnlyForInboundResolverEndpoint: true });
            assert.ok(s3i.dependencies.includes(gw.urn), `dependencies: ${s3i.dependencies.join(", ")}`);
            assert.strictEqual(s3i.inputs.policy, gw.inputs.policy, "the same S3 policy on both paths");
        });

        it("the S3 endpoint policy reaches our buckets and no one else's", () => {
            const own = json(named(p.engine, T.endpoint, "mumbai-s3-gateway")).Statement.find((s: any) => s.Sid === "OwnBuckets");
            assert.deepStrictEqual(own.Resource, ["arn:aws:s3:::spot-grid-*", "arn:aws:s3:::spot-grid-*/*"]);
            assert.strictEqual(own.Condition.StringEquals["aws:ResourceAccount"], "111122223333");
        });

        it("the endpoint security group admits 443 from the VPC and on-prem only, and has no egress", () => {
            const sg = named(p.engine, T.sg, "mumbai-endpoints");
            const ingress = sg.inputs.ingress as any[];
            assert.deepStrictEqual(ingress.map((r) => [r.protocol, r.fromPort, r.toPort]), [["tcp", 443, 443], ["tcp", 443, 443]]);
            assert.deepStrictEqual(ingress.flatMap((r) => r.cidrBlocks).sort(), ["10.20.0.0/16", "172.16.0.0/12"]);
            assert.deepStrictEqual(sg.inputs.egress, []);
        });

        it("the inbound resolver: INBOUND, fixed addresses in two or more subnets, DNS from on-prem only", () => {
            const r = named(p.engine, T.resolver, "mumbai-inbound");
            const subnets = new Map(ofType(p.engine, T.subnet).map((s) => [s.id, String(s.inputs.cidrBlock)]));
            const ips = r.inputs.ipAddresses as { subnetId: string; ip: string }[];
            assert.strictEqual(r.inputs.direction, "INBOUND");
            assert.ok(new Set(ips.map((i) => i.subnetId)).size >= 2);
            for (const a of ips) assert.ok(ipv4CidrContains(subnets.get(a.subnetId)!, `${a.ip}/32`), `${a.ip} not in its subnet`);
            assert.deepStrictEqual(p.network.resolverIpAddresses, ["10.20.0.10", "10.20.32.10", "10.20.64.10"]);
            const sg = ofType(p.engine, T.sg).find((s) => (r.inputs.securityGroupIds as string[]).includes(s.id!))!;
            assert.deepStrictEqual((sg.inputs.ingress as any[]).map((x) => [x.protocol, x.fromPort, x.cidrBlocks]), [["udp", 53, ["172.16.0.0/12"]], ["tcp", 53, ["172.16.0.0/12"]]]);
            for (const e of ofType(p.engine, T.endpoint).filter((x) => x.inputs.vpcEndpointType === "Interface")) {
                assert.ok(e.dependencies.includes(r.urn), `${e.name} is created after the resolver took its fixed addresses`);
            }
        });

        it("workers' security group: no ingress; egress to the endpoint group, the S3 prefix list and on-prem 443 only", () => {
            const sg = named(p.engine, T.sg, "mumbai-workers");
            const gw = named(p.engine, T.endpoint, "mumbai-s3-gateway");
            assert.deepStrictEqual(sg.inputs.ingress, []);
            assert.deepStrictEqual((sg.inputs.egress as any[]).map((r) => [r.fromPort, r.securityGroups, r.prefixListIds, r.cidrBlocks]), [
                [443, [named(p.engine, T.sg, "mumbai-endpoints").id], undefined, undefined],
                [443, undefined, [gw.outputs.prefixListId], undefined],
                [443, undefined, undefined, ["172.16.0.0/12"]],
            ]);
            assert.strictEqual(parentType(p.engine, sg), "spot-grid:network:WorkersSecurityGroup");
        });

        it("no security group anywhere names a public CIDR", () => {
            for (const sg of [...ofType(p.engine, T.sg), ...ofType(p.engine, T.defaultSg)]) {
                for (const r of [...arr(sg.inputs.ingress), ...arr(sg.inputs.egress)]) {
                    for (const c of arr(r.cidrBlocks)) assert.match(c, /^(10\.|172\.(1[6-9]|2\d|3[01])\.|192\.168\.)/, `${sg.name}: ${c}`);
                    assert.deepStrictEqual(arr(r.ipv6CidrBlocks), []);
                }
            }
        });

        it("every resource sits under its concept component, and names carry a stable key, never an index", () => {
            const expected: Record<string, string> = {
                [T.vpc]: "spot-grid:network:PrivateNetwork",
                [T.flowLog]: "spot-grid:network:PrivateNetwork",
                [T.vpn]: "spot-grid:network:HybridLink",
                [T.propagation]: "spot-grid:network:HybridLink",
                [T.endpoint]: "spot-grid:network:ServiceEndpoints",
                [T.resolver]: "spot-grid:network:ServiceEndpoints",
            };
            for (const [type, parent] of Object.entries(expected)) for (const r of ofType(p.engine, type)) assert.strictEqual(parentType(p.engine, r), parent, r.name);
            for (const r of rs.filter((x) => x.custom)) assert.doesNotMatch(r.name, /-\d+$/, `${r.type} ${r.name} ends in an index`);
        });

        it("exposes the ids the data and compute parts need", async () => {
            const n = p.network;
            assert.match(await promiseOf(n.vpcId), /^vpc-/);
            assert.strictEqual(n.vpcCidr, "10.20.0.0/16");
            assert.deepStrictEqual(Object.keys(await promiseOf(n.subnetIdsByAz)), MUMBAI_AZS);
            assert.strictEqual((await promiseOf(n.privateSubnetIds)).length, 3);
            assert.strictEqual((await promiseOf(n.routeTableIds)).length, 3);
            assert.match(await promiseOf(n.s3GatewayEndpointId), /^vpce-/);
            assert.match(await promiseOf(n.s3InterfaceEndpointId), /^vpce-/);
            assert.match(await promiseOf(n.s3PrefixListId), /^pl-/);
            assert.match(await promiseOf(n.onPremUploadEndpointDnsName), /^vpce-[0-9a-f-]+\.s3\.ap-south-1\.vpce\.amazonaws\.com$/);
            assert.deepStrictEqual(Object.keys(await promiseOf(n.interfaceEndpointIds)).sort(), ["autoscaling", "ec2", "ec2messages", "kms", "logs", "monitoring", "sqs", "ssm", "ssmmessages", "sts"]);
            assert.match(await promiseOf(n.workersSecurityGroupId), /^sg-/);
        });
    });

    describe("adding an AZ", () => {
        it("keeps every existing subnet (same name, same CIDR) and its route table, and adds one", async () => {
            const before = (await plan(args({ availabilityZones: MUMBAI_AZS.slice(0, 2) }))).engine;
            const after = (await plan(args({ availabilityZones: MUMBAI_AZS }))).engine;
            const view = (e: OfflineEngine, type: string) => ofType(e, type).map((s) => [s.urn, s.inputs.cidrBlock ?? null]);
            const [b, a] = [view(before, T.subnet), view(after, T.subnet)];
            assert.strictEqual(b.length, 2);
            assert.deepStrictEqual(a.slice(0, 2), b);
            assert.deepStrictEqual(a[2][1], "10.20.64.0/19");
            const tables = (e: OfflineEngine) => ofType(e, T.routeTable).map((t) => t.urn);
            assert.deepStrictEqual(tables(after).slice(0, 2), tables(before));
        });
    });

    describe("static VPN routing", () => {
        it("adds a VPN route per on-prem range, still propagated from the VGW", async () => {
            const { engine } = await plan(args({ vpnRouting: "static", onPremCidrs: ["172.16.0.0/12", "192.168.50.0/24"] }));
            const vpn = named(engine, T.vpn, "mumbai");
            assert.strictEqual(vpn.inputs.staticRoutesOnly, true);
            assert.deepStrictEqual(ofType(engine, T.vpnRoute).map((r) => [r.name, r.inputs.destinationCidrBlock, r.inputs.vpnConnectionId]), [
                ["mumbai-172-16-0-0-12", "172.16.0.0/12", vpn.id],
                ["mumbai-192-168-50-0-24", "192.168.50.0/24", vpn.id],
            ]);
            assert.strictEqual(ofType(engine, T.propagation).length, 3);
        });
    });

    describe("options", () => {
        it("a 4-byte BGP ASN uses bgpAsnExtended; amazonSideAsn and extra buckets reach their resources", async () => {
            const { engine } = await plan(args({ onPremBgpAsn: 4200000001, amazonSideAsn: 64600, extraS3BucketArns: ["arn:aws:s3:::vendor-feed"], interfaceEndpoints: ["ssm"] }));
            const cgw = named(engine, T.cgw, "mumbai");
            assert.deepStrictEqual([cgw.inputs.bgpAsn, cgw.inputs.bgpAsnExtended], [undefined, "4200000001"]);
            assert.strictEqual(named(engine, T.vgw, "mumbai").inputs.amazonSideAsn, "64600");
            const s3 = json(named(engine, T.endpoint, "mumbai-s3-gateway"));
            assert.deepStrictEqual(s3.Statement.find((s: any) => s.Sid === "ExtraBuckets").Resource, ["arn:aws:s3:::vendor-feed", "arn:aws:s3:::vendor-feed/*"]);
            assert.deepStrictEqual(ofType(engine, T.endpoint).map((e) => e.name).sort(), ["mumbai-s3-gateway", "mumbai-s3-interface", "mumbai-ssm"]);
        });
        it("one AZ still gives the resolver two addresses", async () => {
            const { engine } = await plan(args({ availabilityZones: ["ap-south-1a"] }));
            const ips = named(engine, T.resolver, "mumbai-inbound").inputs.ipAddresses as { ip: string }[];
            assert.deepStrictEqual(ips.map((i) => i.ip), ["10.20.0.10", "10.20.0.11"]);
        });
    });

    describe("bad args are one clear error, before anything is created", () => {
        const cases: [string, () => unknown, RegExp][] = [
            ["a VPC too small for the AZs", () => new PrivateNetwork("x", { cidrBlock: "10.20.0.0/27", availabilityZones: MUMBAI_AZS, onPremCidrs: [] }), /10\.20\.0\.0\/27 is too small for 3 AZs in 8 subnet slots.*use a \/25 or larger/],
            ["more AZs than slots", () => new PrivateNetwork("x", { cidrBlock: "10.20.0.0/16", availabilityZones: MUMBAI_AZS, subnetSlots: 2, onPremCidrs: [] }), /availabilityZones 3 is more than the 2 subnet slots/],
            ["a malformed VPC CIDR", () => new PrivateNetwork("x", { cidrBlock: "10.20.0.1/16", availabilityZones: MUMBAI_AZS, onPremCidrs: [] }), /^cidrBlock "10\.20\.0\.1\/16" is not an IPv4 CIDR/],
            ["a bad retention", () => new PrivateNetwork("x", { cidrBlock: "10.20.0.0/16", availabilityZones: MUMBAI_AZS, onPremCidrs: [], flowLogRetentionDays: 10 }), /^flowLogRetentionDays 10/],
            ["a bad firewall address", () => new HybridLink("x", { vpcId: "vpc-1", routeTables: [{ key: "a", id: "rtb-1" }], onPremCidrs: ["172.16.0.0/12"], customerGatewayIp: "224.0.0.1", bgpAsn: 65010 }), /^customerGatewayIp "224\.0\.0\.1" is not a usable/],
            ["equal ASNs", () => new HybridLink("x", { vpcId: "vpc-1", routeTables: [{ key: "a", id: "rtb-1" }], onPremCidrs: ["172.16.0.0/12"], customerGatewayIp: "203.0.113.10", bgpAsn: 64512, amazonSideAsn: 64512 }), /amazonSideAsn 64512 equals bgpAsn/],
            ["an unknown routing", () => new HybridLink("x", { vpcId: "vpc-1", routeTables: [{ key: "a", id: "rtb-1" }], onPremCidrs: ["172.16.0.0/12"], customerGatewayIp: "203.0.113.10", bgpAsn: 65010, routing: "ospf" as any }), /^routing "ospf" must be "bgp" or "static"/],
            ["an unknown endpoint service", () => new ServiceEndpoints("x", { vpcId: "vpc-1", vpcCidr: "10.20.0.0/16", onPremCidrs: [], subnets: [{ key: "a", cidr: "10.20.0.0/19", id: "subnet-1" }], routeTableIds: ["rtb-1"], interfaceEndpoints: ["ssm", "sqs", "dynamo"] }), /^interfaceEndpoints\[2\] "dynamo" is not a known service/],
            ["a bad worker port", () => new WorkersSecurityGroup("x", { vpcId: "vpc-1", endpointSecurityGroupId: "sg-1", s3PrefixListId: "pl-1", onPremCidrs: ["172.16.0.0/12"], onPremPorts: [22, 0] }), /^onPremPorts\[1\] 0 is not a TCP port/],
        ];
        before(async () => {
            await setupMocks({ stack: "mumbai", region: "ap-south-1" });
        });
        for (const [what, make, message] of cases) {
            it(what, () => assert.throws(make, (e: Error) => {
                assert.match(e.message, message);
                assert.ok(!e.message.includes("\n"));
                return true;
            }));
        }
    });
});
