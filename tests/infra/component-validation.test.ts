/**
 * Every check a component makes on its arguments also runs on the config first: the config mistake
 * that would trip it stops `npm run plan` with exit 2 and one line naming the stack file, the key
 * and a fix the config accepts, and nothing is written. Never exit 3 and a constructor's stack trace.
 *
 * The component checks are found by reading components/ (every `throw new Error(...)`), so a check
 * added later fails "every component check is accounted for" until it gets a case here (and a
 * config check) or is listed as unreachable from config, with the reason.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { parse, stringify } from "yaml";
import { validateAmiSource } from "../../components/compute/ami";
import { capacityPools, validateCapacityPools, validateDiversification } from "../../components/compute/capacity-pools";
import { validateLogRetention } from "../../components/compute/interruption-alerts";
import { TradingSession, validateTradingSession } from "../../components/compute/schedule";
import { SpotFleetArgs, validateSpotFleetArgs } from "../../components/compute/spot-fleet";
import { validateUserData } from "../../components/compute/user-data";
import * as pulumi from "@pulumi/pulumi";
import { capacityAlarm } from "../../components/compute/capacity-alarm";
import { ebsKeyPolicyDocument, keyPolicyDocument } from "../../components/keys/key-policy";
import { OperationsTopic } from "../../components/operations";
import { s3EndpointPolicy } from "../../components/network/endpoint-policies";
import { HybridLinkArgs, validateHybridLinkArgs } from "../../components/network/hybrid-link";
import { PrivateNetworkArgs, validatePrivateNetworkArgs } from "../../components/network/private-network";
import { privateNaclRules, workerEgressRules } from "../../components/network/security-group-rules";
import { ServiceEndpointsArgs, validateServiceEndpointsArgs } from "../../components/network/service-endpoints";
import { planResolverAddresses, planSubnets, slotPrefixLength } from "../../components/network/subnet-plan";
import { validateWorkersSecurityGroupArgs } from "../../components/network/workers-security-group";
import { replicationRolePolicy } from "../../components/storage/access-policies";
import { AccessLogBucket } from "../../components/storage/access-log-bucket";
import { dataBucketPolicy, logBucketPolicy } from "../../components/storage/bucket-policy";
import { planDataLifecycle, planLogLifecycle } from "../../components/storage/lifecycle";
import { bucketName } from "../../components/storage/naming";
import { ReplicatedBucket } from "../../components/storage/replicated-bucket";
import { planReplicationRules } from "../../components/storage/replication-rules";
import { planArchiveLifecycle } from "../../components/audit/archive-lifecycle";
import { archiveBucketPolicy } from "../../components/audit/archive-policies";
import { cisAlarms } from "../../components/audit/cis-alarms";
import { LogArchive } from "../../components/audit/log-archive";
import { queueKeyPolicy } from "../../components/flow/queue-policies";
import { validateRegionalFlowArgs } from "../../components/flow/regional-flow";
import { main } from "../../tools/plan/main";
import { setupMocks } from "../helpers/mocks";
import { base } from "./config-cases";
import { assertAdviceAccepted } from "./config-schema";
import { tempDir } from "../helpers/temp";

const ROOT = path.resolve(__dirname, "..", "..");
const COMPONENTS = path.join(ROOT, "components");

// ---------------------------------------------------------------------------------------------
// The component checks, read from the source.

interface ThrowSite {
    /** Relative to the repository, e.g. `components/compute/ami.ts`. */
    file: string;
    line: number;
    /** The whole `throw ...;` statement. */
    text: string;
    /** What its message can look like: the literal parts of the message, anything where it interpolates. */
    message: RegExp;
}

function tsFiles(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? tsFiles(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : []));
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const ANY = "[\\s\\S]*";

/** The message an expression builds, as a regex source: literals kept, everything else a wildcard. */
function messagePattern(e: ts.Expression): string {
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return escape(e.text);
    if (ts.isTemplateExpression(e)) return escape(e.head.text) + e.templateSpans.map((s) => ANY + escape(s.literal.text)).join("");
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) return messagePattern(e.left) + messagePattern(e.right);
    if (ts.isParenthesizedExpression(e)) return messagePattern(e.expression);
    return ANY;
}

function throwSites(): ThrowSite[] {
    const sites: ThrowSite[] = [];
    for (const file of tsFiles(COMPONENTS)) {
        const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
        const visit = (node: ts.Node): void => {
            if (ts.isThrowStatement(node)) {
                const e = node.expression;
                const arg = e && ts.isNewExpression(e) && e.arguments?.[0];
                sites.push({
                    file: path.relative(ROOT, file),
                    line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1,
                    text: node.getText(),
                    message: new RegExp(`^${arg ? messagePattern(arg) : ANY}$`),
                });
            }
            ts.forEachChild(node, visit);
        };
        visit(source);
    }
    return sites;
}

/** A throw site named by its file and a piece of its statement that no other throw in the file has. */
type SiteRef = readonly [file: string, snippet: string];

function findSite(sites: readonly ThrowSite[], [file, snippet]: SiteRef): ThrowSite[] {
    return sites.filter((s) => s.file === file && s.text.includes(snippet));
}

// ---------------------------------------------------------------------------------------------
// Component arguments as the program builds them from the valid base() config (tests/infra/config-cases).

const ACCOUNT = "111122223333";
const KEY_ARN = `arn:aws:kms:ap-south-1:${ACCOUNT}:key/1111aaaa-1111-4111-8111-111111111111`;
const BUCKET_ARN = `arn:aws:s3:::spot-grid-mumbai-data-ap-south-1-${ACCOUNT}`;
const ENDPOINT = "vpce-0a1b2c3d4e5f60718";
const BREAK_GLASS = `arn:aws:iam::${ACCOUNT}:role/spot-grid-break-glass`;
const AZS = ["ap-south-1a", "ap-south-1b", "ap-south-1c"];
const TYPES = ["c6i.4xlarge", "c6a.4xlarge", "m6i.4xlarge", "m6a.4xlarge"];
const ON_PREM = ["172.16.0.0/12"];

const fleet = (over: Partial<SpotFleetArgs> = {}): SpotFleetArgs => ({
    stack: "mumbai",
    region: "ap-south-1",
    ami: { kind: "id", amiId: "ami-0a1b2c3d4e5f60718" },
    instanceTypes: TYPES,
    subnets: AZS.map((az, i) => ({ subnetId: `subnet-${i}`, availabilityZone: az })),
    securityGroupId: "sg-1",
    capacity: { min: 0, max: 10 },
    ...over,
});
const session = (over: Partial<TradingSession> = {}): TradingSession => ({ timeZone: "Asia/Kolkata", scaleUp: "08:45", scaleDown: "16:00", days: ["MON", "TUE", "WED", "THU", "FRI"], desired: 5, ...over });
const link = (over: Partial<HybridLinkArgs> = {}): HybridLinkArgs => ({
    vpcId: "vpc-1", routeTables: [{ key: "a", id: "rtb-1" }], onPremCidrs: ON_PREM, customerGatewayIp: "203.0.113.10", bgpAsn: 65010, ...over,
});
const privateNetwork = (over: Partial<PrivateNetworkArgs> = {}): PrivateNetworkArgs => ({ cidrBlock: "10.20.0.0/16", availabilityZones: AZS, onPremCidrs: ON_PREM, ...over });
const endpoints = (over: Partial<ServiceEndpointsArgs> = {}): ServiceEndpointsArgs => ({
    vpcId: "vpc-1", vpcCidr: "10.20.0.0/16", onPremCidrs: ON_PREM, subnets: [{ key: "a", cidr: "10.20.0.0/19", id: "subnet-1" }], routeTableIds: ["rtb-1"], ...over,
});
const workersSg = (over: { onPremCidrs?: string[]; onPremPorts?: number[] } = {}) =>
    validateWorkersSecurityGroupArgs({ vpcId: "vpc-1", endpointSecurityGroupId: "sg-e", s3PrefixListId: "pl-1", onPremCidrs: ON_PREM, ...over });
const egress = (onPremPorts: number[]) => workerEgressRules({ endpointSecurityGroupId: "sg-e", s3PrefixListId: "pl-1", onPremCidrs: ON_PREM, onPremPorts });
const peer = (stack: string, region: string) => ({
    stack, region, bucketArn: `arn:aws:s3:::spot-grid-${stack}-data-${region}-${ACCOUNT}`, keyArn: `arn:aws:kms:${region}:${ACCOUNT}:key/2222bbbb-2222-4222-8222-222222222222`,
});
const source = { bucketArn: BUCKET_ARN, keyArn: KEY_ARN, region: "ap-south-1" };

// ---------------------------------------------------------------------------------------------
// The mistakes: each one config change, the component checks it would trip, and the plan's line.

interface Mistake {
    title: string;
    /** Stack files (name -> config map); default: base() as mumbai with `mutate` applied. */
    stacks?: () => Record<string, Record<string, unknown>>;
    mutate?: (c: Record<string, any>) => void;
    argv?: string[];
    /** The one line the plan prints (after `plan: `). */
    expect: RegExp;
    /** The component checks this mistake would trip, with the call that trips each. */
    trips: [SiteRef, () => unknown][];
}

const compute = (f: (c: Record<string, any>) => void) => (c: Record<string, any>) => f(c["spot-grid:compute"]);
const network = (f: (n: Record<string, any>) => void) => (c: Record<string, any>) => f(c["spot-grid:network"]);
const onPrem = (f: (n: Record<string, any>) => void) => (c: Record<string, any>) => f(c["spot-grid:onPrem"]);
const storage = (f: (n: Record<string, any>) => void) => (c: Record<string, any>) => f(c["spot-grid:storage"]);

const SCHEDULE = "components/compute/schedule.ts";
const FLEET = "components/compute/spot-fleet.ts";
const AMI = "components/compute/ami.ts";
const POOLS = "components/compute/capacity-pools.ts";
const LINK = "components/network/hybrid-link.ts";
const ENDPOINTS = "components/network/service-endpoints.ts";
const PRIVATE = "components/network/private-network.ts";
const SUBNETS = "components/network/subnet-plan.ts";
const WORKERS_SG = "components/network/workers-security-group.ts";
const SG_RULES = "components/network/security-group-rules.ts";
const ACCESS = "components/storage/access-policies.ts";
const LIFECYCLE = "components/storage/lifecycle.ts";
const ARCHIVE_LIFECYCLE = "components/audit/archive-lifecycle.ts";

/** The project's stack files, with ohio as the newcomer changed it (issue 14). */
function projectStacksWithOhio(change: (ohio: Record<string, any>) => void): Record<string, Record<string, unknown>> {
    const out: Record<string, Record<string, unknown>> = {};
    for (const f of fs.readdirSync(ROOT).filter((n) => /^Pulumi\.[^.]+\.yaml$/.test(n))) {
        const name = f.split(".")[1];
        out[name] = parse(fs.readFileSync(path.join(ROOT, f), "utf8")).config;
    }
    change(out.ohio);
    return out;
}

const operations = (f: (o: Record<string, any>) => void) => (c: Record<string, any>) => f((c["spot-grid:operations"] ??= {}));
const flow = (f: (o: Record<string, any>) => void) => (c: Record<string, any>) => f((c["spot-grid:flow"] ??= {}));
const operators = (f: (o: Record<string, any>) => void) => (c: Record<string, any>) => f((c["spot-grid:operators"] ??= {}));
const audit = (f: (o: Record<string, any>) => void) => (c: Record<string, any>) => f((c["spot-grid:audit"] ??= {}));
const CTX = { accountId: ACCOUNT, partition: "aws", region: "ap-south-1" };

const MISTAKES: Mistake[] = [
    // --- the work flow (issue 11)
    {
        title: "a job queue keeping messages longer than half its dead-letter queue's 14 days",
        mutate: flow((f) => (f.queues = { jobs: { messageRetentionSeconds: 1209600 } })),
        expect: /spot-grid:flow\.queues\.jobs\.messageRetentionSeconds: 1209600 is more than 604800 \(7 days\): .*keep it at 7 days or less$/,
        trips: [[["components/flow/regional-flow.ts", "RegionalFlow: queues."], () => validateRegionalFlowArgs({ queues: { jobs: { visibilityTimeoutSeconds: 900, messageRetentionSeconds: 1209600, maxReceiveCount: 4 } } })]],
    },
    {
        title: "a backlog target of zero jobs per worker",
        mutate: flow((f) => (f.scaling = { backlogPerInstance: 0 })),
        expect: /spot-grid:flow\.scaling\.backlogPerInstance: must be at least 1 job per worker; got 0$/,
        trips: [[[FLEET, "SpotFleet: backlogScaling"], () => validateSpotFleetArgs(fleet({ backlogScaling: { queueName: "spot-grid-mumbai-jobs", backlogPerInstance: 0 } }))]],
    },
    {
        title: "a validator role in another account (known only at deploy time: checked when the program starts)",
        mutate: flow((f) => (f.validatorRoleArn = "arn:aws:iam::999988887777:role/validator")),
        expect: /^Pulumi\.mumbai\.yaml: spot-grid:flow\.validatorRoleArn: arn:aws:iam::999988887777:role\/validator is in account 999988887777, but the stack deploys to account 111122223333; name a role in 111122223333 .*, or leave it unset for the workers' role$/,
        trips: [[["components/flow/queue-policies.ts", "queue key policy:"], () => queueKeyPolicy({ ...CTX, keyUserArns: ["arn:aws:iam::999988887777:role/validator"], s3Notifies: true })]],
    },
    {
        title: "one VPN tunnel /30 instead of two",
        mutate: network((n) => (n.vpn = { tunnelInsideCidrs: ["169.254.10.0/30"] })),
        expect: /spot-grid:network\.vpn\.tunnelInsideCidrs\[0\]: lists 1 CIDRs; a VPN connection has exactly two tunnels, list one \/30 for each$/,
        trips: [[["components/network/hybrid-link.ts", "throw new Error(problem)"], () => validateHybridLinkArgs(link({ tunnelInsideCidrs: ["169.254.10.0/30"] }))]],
    },
    {
        title: "a capacity alarm period that is not a multiple of 5 minutes",
        mutate: operations((o) => (o.capacityAlarmMinutes = 7)),
        expect: /spot-grid:operations\.capacityAlarmMinutes: must be a whole number of minutes, a multiple of 5/,
        trips: [[["components/compute/capacity-alarm.ts", "SpotFleet: ${problem}"], () => capacityAlarm("x", { engine: "autoscaling", groupName: "g", minutes: 7, stack: "mumbai" }, undefined as unknown as pulumi.Resource)]],
    },
    {
        title: "an operations subscription that is not an email address",
        mutate: operations((o) => (o.subscriptions = [{ protocol: "email", endpoint: "oncall" }])),
        expect: /spot-grid:operations\.subscriptions\[0\]\.endpoint: "oncall" is not an email address/,
        trips: [[["components/operations/operations-topic.ts", "OperationsTopic ${name}"], () => new OperationsTopic("x", { stack: "mumbai", ctx: CTX, subscriptions: [{ protocol: "email", endpoint: "oncall" }] })]],
    },
    {
        title: "a deployer that is not a role ARN (the EBS key lets the deployer copy AMIs)",
        mutate: operators((o) => (o.deployerRoleArn = "spot-grid-deployer")),
        expect: /spot-grid:operators\.deployerRoleArn: "spot-grid-deployer" is not an IAM role ARN/,
        trips: [[["components/keys/key-policy.ts", "EBS key policy: ${problems"], () => ebsKeyPolicyDocument({ ...CTX, amiCopyRoleArns: ["spot-grid-deployer"] })]],
    },
    // --- compute: the trading session (components/compute/schedule.ts)
    {
        title: "a trading time zone that is not IANA",
        mutate: compute((c) => (c.schedule = { timeZone: "Asia/Mumbai", desired: 5 })),
        expect: /spot-grid:compute\.schedule\.timeZone: "Asia\/Mumbai" is not an IANA time zone; use a name like Asia\/Kolkata/,
        trips: [[[SCHEDULE, "is not an IANA time zone"], () => validateTradingSession(session({ timeZone: "Asia/Mumbai" }), { min: 0, max: 10 })]],
    },
    {
        title: "a scale-up time that is not HH:MM",
        mutate: compute((c) => (c.schedule = { scaleUp: "9am", desired: 5 })),
        expect: /spot-grid:compute\.schedule\.scaleUp: "9am" is not a 24-hour HH:MM time; write it like "08:45"/,
        trips: [[[SCHEDULE, "schedule.scaleUp ${JSON.stringify"], () => validateTradingSession(session({ scaleUp: "9am" }), { min: 0, max: 10 })]],
    },
    {
        title: "a scale-down time that is not HH:MM",
        mutate: compute((c) => (c.schedule = { scaleDown: "25:00", desired: 5 })),
        expect: /spot-grid:compute\.schedule\.scaleDown: "25:00" is not a 24-hour HH:MM time/,
        trips: [[[SCHEDULE, "schedule.scaleDown ${JSON.stringify"], () => validateTradingSession(session({ scaleDown: "25:00" }), { min: 0, max: 10 })]],
    },
    {
        title: "a session that closes before it opens",
        mutate: compute((c) => (c.schedule = { scaleUp: "17:00", scaleDown: "09:00", desired: 5 })),
        expect: /spot-grid:compute\.schedule\.scaleUp: 17:00 is not before scaleDown 09:00/,
        trips: [[[SCHEDULE, "is not before scaleDown"], () => validateTradingSession(session({ scaleUp: "17:00", scaleDown: "09:00" }), { min: 0, max: 10 })]],
    },
    {
        title: "a session with no trading days",
        mutate: compute((c) => (c.schedule = { days: [], desired: 5 })),
        expect: /spot-grid:compute\.schedule\.days: lists no days; list the trading days/,
        trips: [[[SCHEDULE, "schedule.days is empty"], () => validateTradingSession(session({ days: [] }), { min: 0, max: 10 })]],
    },
    {
        title: "a trading day that is not a day",
        mutate: compute((c) => (c.schedule = { days: ["Monday"], desired: 5 })),
        expect: /spot-grid:compute\.schedule\.days\[0\]: "Monday" is not a day; use SUN, MON/,
        trips: [[[SCHEDULE, "schedule.days contains"], () => validateTradingSession(session({ days: ["Monday" as never] }), { min: 0, max: 10 })]],
    },
    {
        title: "session workers above capacity.max",
        mutate: compute((c) => (c.schedule = { desired: 50 })),
        expect: /spot-grid:compute\.schedule\.desired: 50 is outside capacity min 0 \.\. max 10; pick a value in that range/,
        trips: [[[SCHEDULE, "schedule.desired ${s.desired} must be an integer"], () => validateTradingSession(session({ desired: 50 }), { min: 0, max: 10 })]],
    },
    {
        title: "off-hours workers above capacity.max",
        mutate: compute((c) => (c.capacity = { min: 0, max: 10, desired: 20 })),
        expect: /spot-grid:compute\.capacity\.desired: 20 is outside min 0 \.\. max 10; pick a value in that range/,
        trips: [
            [[SCHEDULE, "off-hours capacity"], () => validateTradingSession(session(), { min: 0, max: 10, offHours: 20 })],
            [[FLEET, "capacity.desired ${desired} must lie between"], () => validateSpotFleetArgs(fleet({ capacity: { min: 0, max: 10, desired: 20 } }))],
        ],
    },
    // --- compute: user data, engine, capacity, volumes, retention
    {
        title: "user data larger than EC2 allows",
        mutate: compute((c) => (c.userData = `#!/bin/bash\n${"echo ok\n".repeat(2100)}`)),
        expect: /spot-grid:compute\.userData: is larger than EC2's 16384 bytes; bake the logic into the AMI/,
        trips: [[["components/compute/user-data.ts", "bytes; EC2 allows"], () => validateUserData(`#!/bin/bash\n${"echo ok\n".repeat(2100)}`)]],
    },
    {
        title: "a credential in user data",
        mutate: compute((c) => (c.userData = "#!/bin/bash\nexport AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n")),
        expect: /spot-grid:compute\.userData: contains an AWS access key id on line 2; remove it/,
        trips: [[["components/compute/user-data.ts", "userData contains"], () => validateUserData("#!/bin/bash\nexport AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n")]],
    },
    {
        title: "an unknown engine",
        mutate: compute((c) => (c.engine = "ec2-fleet")),
        expect: /spot-grid:compute\.engine: "ec2-fleet" is not an engine; use autoscaling \(recommended\) or spot-fleet/,
        trips: [[[FLEET, "engine ${JSON.stringify(engine)} is unknown"], () => validateSpotFleetArgs(fleet({ engine: "ec2-fleet" as never }))]],
    },
    {
        title: "capacity.min above capacity.max",
        mutate: compute((c) => (c.capacity = { min: 5, max: 2 })),
        expect: /spot-grid:compute\.capacity\.min: min must not exceed max \(5 > 2\); lower min or raise max/,
        trips: [[[FLEET, "needs integers with 0 <= min <= max"], () => validateSpotFleetArgs(fleet({ capacity: { min: 5, max: 2 } }))]],
    },
    {
        title: "more On-Demand workers than capacity.max",
        mutate: compute((c) => (c.onDemandBase = 11)),
        expect: /spot-grid:compute\.onDemandBase: 11 exceeds capacity\.max 10; lower it/,
        trips: [[[FLEET, "onDemandBaseCapacity ${onDemand}"], () => validateSpotFleetArgs(fleet({ onDemandBaseCapacity: 11 }))]],
    },
    {
        title: "a data volume above gp3's maximum",
        mutate: compute((c) => (c.dataVolumeGiB = 20000)),
        expect: /spot-grid:compute\.dataVolumeGiB: must be at most 16384 \(gp3's maximum\)/,
        trips: [[[FLEET, "dataVolumeGiB ${args.dataVolumeGiB}"], () => validateSpotFleetArgs(fleet({ dataVolumeGiB: 20000 }))]],
    },
    {
        title: "a root volume of 0 GiB",
        mutate: compute((c) => (c.rootVolumeGiB = 0)),
        expect: /spot-grid:compute\.rootVolumeGiB: must be at least 1; got 0$/,
        trips: [[[FLEET, "rootVolumeGiB ${args.rootVolumeGiB}"], () => validateSpotFleetArgs(fleet({ rootVolumeGiB: 0 }))]],
    },
    {
        title: "an interruption-log retention CloudWatch does not offer",
        mutate: compute((c) => (c.interruptionLogRetentionDays = 100)),
        expect: /spot-grid:compute\.interruptionLogRetentionDays: 100 is not a CloudWatch Logs retention; use one of 1, 3/,
        trips: [[["components/compute/interruption-alerts.ts", "is not a CloudWatch Logs retention"], () => validateLogRetention(100)]],
    },
    // --- compute: the AMI (components/compute/ami.ts)
    {
        title: "a malformed AMI id",
        mutate: compute((c) => (c.amiId = "ami-xyz")),
        expect: /spot-grid:compute\.amiId: must be an AMI id like ami-0123456789abcdef0 .*got "ami-xyz"/,
        trips: [[[AMI, "ami.amiId"], () => validateAmiSource({ kind: "id", amiId: "ami-xyz" })]],
    },
    {
        title: "a blank AMI name to look up",
        mutate: compute((c) => { delete c.amiId; c.amiLookup = { name: "   ", owners: ["444455556666"] }; }),
        expect: /spot-grid:compute\.amiLookup\.name: is empty; give the AMI name or a pattern like trading-worker-\*/,
        trips: [[[AMI, "ami.namePattern is empty"], () => validateAmiSource({ kind: "lookup", namePattern: "   ", owners: ["444455556666"] })]],
    },
    {
        title: "an AMI lookup with no owners",
        mutate: compute((c) => { delete c.amiId; c.amiLookup = { name: "trading-worker-*", owners: [] }; }),
        expect: /spot-grid:compute\.amiLookup\.owners: is empty; pin the account ids that publish the AMI/,
        trips: [[[AMI, "ami.owners is empty"], () => validateAmiSource({ kind: "lookup", namePattern: "trading-worker-*", owners: [] })]],
    },
    {
        title: "an AMI owner that is not an account",
        mutate: compute((c) => { delete c.amiId; c.amiLookup = { name: "trading-worker-*", owners: ["me"] }; }),
        expect: /spot-grid:compute\.amiLookup\.owners\[0\]: "me" is not an owner; use a 12-digit account id, self, amazon or aws-marketplace/,
        trips: [[[AMI, "ami.owners contains"], () => validateAmiSource({ kind: "lookup", namePattern: "trading-worker-*", owners: ["me"] })]],
    },
    {
        title: "an AMI copy from a malformed AMI id",
        mutate: compute((c) => { delete c.amiId; c.amiCopy = { sourceAmiId: "img-1", sourceRegion: "ap-south-1" }; }),
        expect: /spot-grid:compute\.amiCopy\.sourceAmiId: must be an AMI id like ami-0123456789abcdef0/,
        trips: [[[AMI, "ami.sourceAmiId"], () => validateAmiSource({ kind: "copy", sourceAmiId: "img-1", sourceRegion: "ap-south-1" })]],
    },
    {
        title: "an AMI copy from a region that is not a region code",
        mutate: compute((c) => { delete c.amiId; c.amiCopy = { sourceAmiId: "ami-0a1b2c3d4e5f60718", sourceRegion: "mumbai" }; }),
        expect: /spot-grid:compute\.amiCopy\.sourceRegion: "mumbai" is not a region code; use e\.g\. ap-south-1/,
        trips: [[[AMI, "ami.sourceRegion"], () => validateAmiSource({ kind: "copy", sourceAmiId: "ami-0a1b2c3d4e5f60718", sourceRegion: "mumbai" })]],
    },
    // --- compute: diversification (components/compute/capacity-pools.ts)
    {
        title: "both instance types and instance requirements",
        mutate: compute((c) => (c.instanceRequirements = { vcpu: { min: 8 }, memoryMiB: { min: 0 } })),
        expect: /spot-grid:compute\.instanceRequirements: set only one of instanceTypes and instanceRequirements/,
        trips: [[[POOLS, "set exactly one of"], () => validateDiversification({ instanceTypes: TYPES, instanceRequirements: { vcpu: { min: 8 }, memoryMiB: { min: 0 } } } as never)]],
    },
    {
        title: "an empty instance type list",
        mutate: compute((c) => (c.instanceTypes = [])),
        expect: /spot-grid:compute\.instanceTypes: must list at least one instance type/,
        trips: [[[POOLS, "instanceTypes is empty"], () => validateDiversification({ instanceTypes: [] })]],
    },
    {
        title: "an instance type that is not one",
        mutate: compute((c) => (c.instanceTypes = ["c6i4xlarge"])),
        expect: /spot-grid:compute\.instanceTypes\[0\]: "c6i4xlarge" is not an EC2 instance type; write it like c6i\.4xlarge/,
        trips: [[[POOLS, "instanceTypes contains"], () => validateDiversification({ instanceTypes: ["c6i4xlarge"] })]],
    },
    {
        title: "a vCPU range with min above max",
        mutate: compute((c) => { delete c.instanceTypes; c.instanceRequirements = { vcpu: { min: 32, max: 16 }, memoryMiB: { min: 0 } }; }),
        expect: /spot-grid:compute\.instanceRequirements\.vcpu\.min: min must not exceed max \(32 > 16 vCPUs\)/,
        trips: [[[POOLS, "is not a range"], () => validateDiversification({ instanceRequirements: { vcpu: { min: 32, max: 16 }, memoryMiB: { min: 0 } } })]],
    },
    {
        title: "one instance type in one AZ (the newcomer's ohio: exit 3 and a stack trace before)",
        stacks: () => projectStacksWithOhio((ohio) => {
            ohio["spot-grid:compute"].instanceTypes = ["c6i.4xlarge"];
            ohio["spot-grid:network"].availabilityZones = 1;
        }),
        argv: ["--stack", "ohio"],
        expect: /^Pulumi\.ohio\.yaml: spot-grid:compute\.instanceTypes: 1 Spot capacity pool \(1 instance type x 1 AZ\) is fewer than the minimum 10, .*; list more instance types \(e\.g\. .*\), or raise spot-grid:network\.availabilityZones \(us-east-2 has 3\)$/,
        trips: [
            [[POOLS, "is fewer than the minimum"], () => validateCapacityPools(capacityPools({ instanceTypes: ["c6i.4xlarge"] }, ["us-east-2a"]))],
            [[POOLS, "is fewer than the minimum"], () => validateSpotFleetArgs(fleet({ instanceTypes: ["c6i.4xlarge"], subnets: [{ subnetId: "subnet-1", availabilityZone: "us-east-2a" }] }))],
        ],
    },
    {
        title: "instance requirements too narrow for the pool minimum, in one AZ",
        mutate: (c) => {
            delete c["spot-grid:compute"].instanceTypes;
            c["spot-grid:compute"].instanceRequirements = { vcpu: { min: 64, max: 64 }, memoryMiB: { min: 524288 } };
            c["spot-grid:network"].availabilityZones = 1;
        },
        expect: /spot-grid:compute\.instanceRequirements: 5 Spot capacity pools \(5 instance types x 1 AZ\) is fewer than the minimum 10, .*; widen instanceRequirements \(the vcpu and memoryMiB ranges\), or raise spot-grid:network\.availabilityZones \(ap-south-1 has 3\)$/,
        trips: [[[POOLS, "is fewer than the minimum"], () => validateCapacityPools(capacityPools({ instanceRequirements: { vcpu: { min: 64, max: 64 }, memoryMiB: { min: 524288 } } }, ["ap-south-1a"]))]],
    },
    {
        title: "instance requirements no instance type meets",
        mutate: compute((c) => { delete c.instanceTypes; c.instanceRequirements = { vcpu: { min: 3, max: 3 }, memoryMiB: { min: 0 } }; }),
        expect: /spot-grid:compute\.instanceRequirements: 0 Spot capacity pools \(0 instance types x 3 AZs\) is fewer than the minimum 10, .*; widen instanceRequirements/,
        trips: [[[POOLS, "is fewer than the minimum"], () => validateCapacityPools(capacityPools({ instanceRequirements: { vcpu: { min: 3, max: 3 }, memoryMiB: { min: 0 } } }, AZS))]],
    },
    // --- network: the VPC and its subnets
    {
        title: "a malformed VPC CIDR",
        mutate: network((n) => (n.cidr = "10.300.0.0/16")),
        expect: /spot-grid:network\.cidr: "10\.300\.0\.0\/16" is not an IPv4 CIDR with its host bits clear/,
        trips: [
            [[PRIVATE, "cidrBlock ${JSON.stringify"], () => validatePrivateNetworkArgs(privateNetwork({ cidrBlock: "10.300.0.0/16" }))],
            [[ENDPOINTS, "vpcCidr ${JSON.stringify"], () => validateServiceEndpointsArgs(endpoints({ vpcCidr: "10.300.0.0/16" }))],
            [[SUBNETS, "vpcCidr ${JSON.stringify(vpcCidr)}"], () => slotPrefixLength("10.300.0.0/16", 8)],
        ],
    },
    {
        title: "a VPC CIDR too small for its AZs",
        mutate: network((n) => (n.cidr = "10.20.0.0/26")),
        expect: /spot-grid:network\.cidr: 10\.20\.0\.0\/26 is too small for 3 AZs in 8 subnet slots/,
        trips: [[[SUBNETS, "throw new Error(problem)"], () => planSubnets("10.20.0.0/26", AZS)]],
    },
    {
        title: "no AZs",
        mutate: network((n) => (n.availabilityZones = 0)),
        expect: /spot-grid:network\.availabilityZones: must be at least 1$/,
        trips: [
            [[FLEET, "subnets is empty"], () => validateSpotFleetArgs(fleet({ subnets: [] }))],
            [[LINK, "routeTables is empty"], () => validateHybridLinkArgs(link({ routeTables: [] }))],
            [[ENDPOINTS, "subnets is empty"], () => validateServiceEndpointsArgs(endpoints({ subnets: [] }))],
            [[ENDPOINTS, "routeTableIds is empty"], () => validateServiceEndpointsArgs(endpoints({ routeTableIds: [] }))],
            [[SUBNETS, "the inbound resolver needs at least one subnet"], () => planResolverAddresses([])],
        ],
    },
    {
        title: "a flow-log retention CloudWatch does not offer",
        mutate: network((n) => (n.flowLogRetentionDays = 100)),
        expect: /spot-grid:network\.flowLogRetentionDays: must be a CloudWatch Logs retention: one of 1, 3/,
        trips: [[[PRIVATE, "throw new Error(problem)"], () => validatePrivateNetworkArgs(privateNetwork({ flowLogRetentionDays: 100 }))]],
    },
    {
        title: "an interface endpoint service that does not exist",
        mutate: network((n) => (n.interfaceEndpoints = ["ssm", "bogus"])),
        expect: /spot-grid:network\.interfaceEndpoints\[1\]: "bogus" is not a known service; use one of/,
        trips: [[[ENDPOINTS, "throw new Error(problem)"], () => validateServiceEndpointsArgs(endpoints({ interfaceEndpoints: ["ssm", "bogus"] }))]],
    },
    {
        title: "an extra bucket that is not a bucket ARN",
        mutate: network((n) => (n.extraS3BucketArns = ["vendor-feed"])),
        expect: /spot-grid:network\.extraS3BucketArns\[0\]: "vendor-feed" is not an S3 bucket ARN; write arn:aws:s3:::<bucket-name>/,
        trips: [
            [["components/network/endpoint-policies.ts", "throw new Error(problem)"], () => s3EndpointPolicy({ accountId: ACCOUNT, partition: "aws", region: "ap-south-1", ownBucketNamePrefix: "spot-grid-", extraBucketArns: ["vendor-feed"] })],
        ],
    },
    {
        title: "a worker port out of range",
        mutate: network((n) => (n.onPremPorts = [0])),
        expect: /spot-grid:network\.onPremPorts\[0\]: must be a TCP port 1-65535/,
        trips: [
            [[SG_RULES, "throw new Error(problem)"], () => egress([0])],
            [[WORKERS_SG, "throw new Error(problem)"], () => workersSg({ onPremPorts: [0] })],
        ],
    },
    // --- network: on-prem and the VPN (components/network/hybrid-link.ts)
    {
        title: "an on-prem firewall address that cannot be one",
        mutate: onPrem((o) => (o.gatewayIp = "0.0.0.0")),
        expect: /spot-grid:onPrem\.gatewayIp: "0\.0\.0\.0" is not a usable IPv4 unicast address for the on-prem firewall/,
        trips: [[[LINK, "customerGatewayIp ${JSON.stringify"], () => validateHybridLinkArgs(link({ customerGatewayIp: "0.0.0.0" }))]],
    },
    {
        title: "a BGP ASN of 0",
        mutate: onPrem((o) => (o.bgpAsn = 0)),
        expect: /spot-grid:onPrem\.bgpAsn: must be at least 1; got 0$/,
        trips: [[[LINK, "bgpAsn ${JSON.stringify(args.bgpAsn)}"], () => validateHybridLinkArgs(link({ bgpAsn: 0 }))]],
    },
    {
        title: "an unknown VPN routing",
        mutate: network((n) => (n.vpn = { routing: "ospf" })),
        expect: /spot-grid:network\.vpn\.routing: must be "bgp" or "static"/,
        trips: [[[LINK, "routing ${JSON.stringify(routing)}"], () => validateHybridLinkArgs(link({ routing: "ospf" as never }))]],
    },
    {
        title: "no on-prem ranges",
        mutate: onPrem((o) => (o.cidrs = [])),
        expect: /spot-grid:onPrem\.cidrs: must list at least one on-prem CIDR/,
        trips: [[[LINK, "onPremCidrs is empty"], () => validateHybridLinkArgs(link({ onPremCidrs: [] }))]],
    },
    {
        title: "a malformed on-prem range",
        mutate: onPrem((o) => (o.cidrs = ["172.16.0.0/33"])),
        expect: /spot-grid:onPrem\.cidrs\[0\]: "172\.16\.0\.0\/33" is not an IPv4 CIDR with its host bits clear/,
        trips: [
            [[LINK, "onPremCidrs[${i}]"], () => validateHybridLinkArgs(link({ onPremCidrs: ["172.16.0.0/33"] }))],
            [[ENDPOINTS, "onPremCidrs[${i}]"], () => validateServiceEndpointsArgs(endpoints({ onPremCidrs: ["172.16.0.0/33"] }))],
            [[PRIVATE, "onPremCidrs[${i}]"], () => validatePrivateNetworkArgs(privateNetwork({ onPremCidrs: ["172.16.0.0/33"] }))],
            [[WORKERS_SG, "onPremCidrs[${i}]"], () => workersSg({ onPremCidrs: ["172.16.0.0/33"] })],
        ],
    },
    {
        title: "more on-prem ranges than the subnets' network ACL holds",
        mutate: onPrem((o) => (o.cidrs = Array.from({ length: 19 }, (_, i) => `192.168.${i}.0/24`))),
        expect: /spot-grid:onPrem\.cidrs: lists 19 ranges; the subnets' network ACL holds at most 18 .*; summarise the on-prem ranges/,
        trips: [[[SG_RULES, "onPremCidrs has ${onPremCidrs.length} ranges"], () => privateNaclRules("10.20.0.0/16", Array.from({ length: 19 }, (_, i) => `192.168.${i}.0/24`))]],
    },
    {
        title: "a public AWS-side ASN",
        mutate: network((n) => (n.vpn = { amazonSideAsn: 16509 })),
        expect: /spot-grid:network\.vpn\.amazonSideAsn: must be a private ASN: 64512-65534 or 4200000000-4294967294/,
        trips: [[[LINK, "must be a private ASN"], () => validateHybridLinkArgs(link({ amazonSideAsn: 16509 }))]],
    },
    {
        title: "the same ASN on both sides of the VPN",
        mutate: network((n) => (n.vpn = { amazonSideAsn: 65010 })),
        expect: /spot-grid:network\.vpn\.amazonSideAsn: 65010 equals spot-grid:onPrem\.bgpAsn; .*pick another private ASN, or leave it unset/,
        trips: [[[LINK, "equals bgpAsn"], () => validateHybridLinkArgs(link({ amazonSideAsn: 65010 }))]],
    },
    // --- storage
    {
        title: "replication to itself",
        mutate: storage((s) => (s.replicateTo = ["mumbai"])),
        expect: /spot-grid:storage\.replicateTo: a stack cannot replicate to itself/,
        trips: [[[ACCESS, "is the source bucket"], () => replicationRolePolicy({ source, destinations: [source] })]],
    },
    {
        title: "a replication peer listed twice",
        stacks: () => ({ mumbai: { ...base(), "spot-grid:storage": { replicateTo: ["ohio", "ohio"] } } }),
        expect: /spot-grid:storage\.replicateTo: "ohio" is listed twice; list each peer once/,
        trips: [
            [[ACCESS, "two destinations in"], () => replicationRolePolicy({ source, destinations: [peer("ohio", "us-east-2"), peer("ohio", "us-east-2")] })],
            [["components/storage/replication-rules.ts", "replication: ${problems"], () => planReplicationRules([peer("ohio", "us-east-2"), peer("ohio", "us-east-2")], "ap-south-1")],
        ],
    },
    {
        title: "two replication peers in one region",
        stacks: () => {
            const ohio = { ...base(), "aws:region": "us-east-2", "spot-grid:network": { cidr: "10.22.0.0/16", availabilityZones: 3 } };
            const ohio2 = { ...base(), "aws:region": "us-east-2", "spot-grid:network": { cidr: "10.23.0.0/16", availabilityZones: 3 } };
            return { mumbai: { ...base(), "spot-grid:storage": { replicateTo: ["ohio", "ohio2"] } }, ohio, ohio2 };
        },
        expect: /^Pulumi\.mumbai\.yaml: spot-grid:storage\.replicateTo\[1\]: ohio2 and ohio are both in us-east-2; replicate to one stack per region \(remove one of them\)$/,
        trips: [[[ACCESS, "two destinations in"], () => replicationRolePolicy({ source, destinations: [peer("ohio", "us-east-2"), peer("ohio2", "us-east-2")] })]],
    },
    {
        title: "a stack name too long for its bucket names",
        stacks: () => ({ "mumbai-trading-grid-primary": base() }),
        // The longest bucket name (the log archive's) decides: one fix fits them all.
        expect: /^Pulumi\.mumbai-trading-grid-primary\.yaml: stack name "mumbai-trading-grid-primary" is too long for ap-south-1: its audit bucket .* would be 67 characters, more than S3's 63; rename the stack file to a name of at most 23 characters$/,
        trips: [[["components/storage/naming.ts", "throw new Error(problem)"], () => bucketName({ stack: "mumbai-trading-grid-primary", region: "ap-south-1", accountId: ACCOUNT, purpose: "data" })]],
    },
    {
        title: "a log archive whose Deep Archive day is not after its Glacier day",
        mutate: audit((a) => (a.archive = { archiveAfterDays: 400 })),
        expect: /spot-grid:audit\.archive\.deepArchiveAfterDays: deepArchiveAfterDays \(365\) must be a whole number greater than archiveAfterDays \(400\)/,
        trips: [
            [[ARCHIVE_LIFECYCLE, "archive lifecycle: ${problems"], () => planArchiveLifecycle({ archiveAfterDays: 400 })],
            [["components/audit/log-archive.ts", "LogArchive ${name}"], () => new LogArchive("x", { stack: "mumbai", ctx: CTX, allowedVpcEndpointIds: [ENDPOINT], operatorArns: [], accessLogBucketName: "logs", retention: { archiveAfterDays: 400 } })],
        ],
    },
    {
        title: "an auditor that is not a role ARN",
        mutate: audit((a) => (a.auditorRoleArn = "spot-grid-auditor")),
        expect: /spot-grid:audit\.auditorRoleArn: "spot-grid-auditor" is not an IAM role ARN; give the auditor's role, like arn:aws:iam::111122223333:role\/spot-grid-auditor$/,
        trips: [[["components/audit/archive-policies.ts", "archive bucket policy"], () => archiveBucketPolicy({ ctx: CTX, archiveBucketArn: BUCKET_ARN, allowedVpcEndpointIds: [ENDPOINT], operatorArns: [], objectAccessArns: [], readerArns: ["spot-grid-auditor"] })]],
    },
    {
        title: "a deployer that is not a role ARN (the CIS alarms name it)",
        mutate: operators((o) => (o.deployerRoleArn = "spot-grid-deployer")),
        expect: /spot-grid:operators\.deployerRoleArn: "spot-grid-deployer" is not an IAM role ARN; give the deployer's role/,
        trips: [[["components/audit/cis-alarms.ts", "is not an IAM role ARN"], () => cisAlarms(["spot-grid-deployer"])]],
    },
    {
        title: "a break-glass role that is not a role ARN",
        mutate: storage((s) => (s.breakGlassRoleArn = "spot-grid-break-glass")),
        expect: /spot-grid:storage\.breakGlassRoleArn: must be an IAM role ARN like arn:aws:iam::111122223333:role\/spot-grid-break-glass/,
        trips: [
            [["components/storage/bucket-policy.ts", "data bucket policy"], () => dataBucketPolicy({ bucketArn: BUCKET_ARN, keyArn: KEY_ARN, allowedVpcEndpointIds: [ENDPOINT], operatorArns: [], objectAccessArns: ["spot-grid-break-glass"] })],
            [["components/storage/bucket-policy.ts", "log bucket policy"], () => logBucketPolicy({ logBucketArn: BUCKET_ARN, accountId: ACCOUNT, sourceBucketArns: [BUCKET_ARN], logPrefix: "logs/", allowedVpcEndpointIds: [ENDPOINT], operatorArns: [], objectAccessArns: ["spot-grid-break-glass"] })],
        ],
    },
    {
        title: "a break-glass role in another account (known only at deploy time: checked when the program starts)",
        mutate: storage((s) => (s.breakGlassRoleArn = "arn:aws:iam::999988887777:role/break-glass")),
        expect: /^Pulumi\.mumbai\.yaml: spot-grid:storage\.breakGlassRoleArn: arn:aws:iam::999988887777:role\/break-glass is in account 999988887777, but the stack deploys to account 111122223333; name a role in 111122223333 .*, or leave it unset .*$/,
        trips: [[["components/keys/key-policy.ts", "throw new Error(`key policy: ${problems"], () => keyPolicyDocument({ accountId: ACCOUNT, partition: "aws", region: "ap-south-1", keyUserArns: ["arn:aws:iam::999988887777:role/break-glass"] })]],
    },
    {
        title: "a deep-archive day not after the archive day",
        mutate: storage((s) => (s.archiveAfterDays = 400)),
        expect: /spot-grid:storage\.deepArchiveAfterDays: deepArchiveAfterDays \(365\) must be greater than archiveAfterDays \(400\)/,
        trips: [
            [[LIFECYCLE, "data lifecycle: ${problems"], () => planDataLifecycle({ archiveAfterDays: 400 })],
            [["components/storage/replicated-bucket.ts", "ReplicatedBucket ${name}"], () => new ReplicatedBucket("x", { stack: "mumbai", region: "ap-south-1", accountId: ACCOUNT, keyArn: KEY_ARN, allowedVpcEndpointIds: [ENDPOINT], operatorArns: [], objectAccessArns: [BREAK_GLASS], accessLogBucketName: "logs", lifecycle: { archiveAfterDays: 400 } })],
        ],
    },
    {
        title: "server access logs deleted before Deep Archive's minimum",
        mutate: storage((s) => (s.logRetentionDays = 60)),
        expect: /spot-grid:storage\.logRetentionDays: 60 is not more than the 365 days after which logs move to Deep Archive/,
        trips: [
            [[LIFECYCLE, "log lifecycle: ${problems"], () => planLogLifecycle({ retentionDays: 60 })],
            [["components/storage/access-log-bucket.ts", "AccessLogBucket ${name}"], () => new AccessLogBucket("x", { stack: "mumbai", region: "ap-south-1", accountId: ACCOUNT, sourceBucketArns: [BUCKET_ARN], allowedVpcEndpointIds: [ENDPOINT], operatorArns: [], objectAccessArns: [BREAK_GLASS], lifecycle: { retentionDays: 60 } })],
        ],
    },
];

/** Component checks no config value reaches, and why (each names one throw site). */
const UNREACHABLE: [SiteRef, string][] = [
    [[AMI, "ami.kind"], "infra/config/compute.ts maps amiId / amiLookup / amiCopy to the three kinds"],
    [[LINK, "routeTables repeats a key"], "route tables are keyed by AZ letter, from the region table's distinct AZs"],
    [[SUBNETS, "lists ${JSON.stringify(az)} twice"], "the program passes the region table's distinct AZ names"],
    [[SUBNETS, "offset ${offset} is outside"], "the resolver's host offset is a constant inside the smallest (/28) subnet"],
    [["components/network/endpoint-policies.ts", "ownBucketNamePrefix"], "the own-bucket prefix is the constant spot-grid-"],
    [["components/network/endpoint-policies.ts", "iamPrefix"], "IAM prefixes come from the endpoint catalogue"],
    [[ACCESS, "is listed twice"], "peers' buckets are named after their stacks, so two destinations share a bucket only when a peer is listed twice, which is two destinations in one region first"],
    [[ACCESS, "destinations is empty"], "the replication role exists only when spot-grid:storage.replicateTo lists a peer"],
    [[ACCESS, "${input} is empty"], "the workers' and uploader's prefixes are the layout's constants (components/storage/layout)"],
    [[ACCESS, "must be a prefix of path segments"], "the workers' and uploader's prefixes are the layout's constants"],
    [["components/storage/regional-data.ts", "uploaderPrincipalArn is set but"], "RegionalGrid always passes the network's S3 interface endpoint"],
    [["components/storage/regional-data.ts", "publisherPrincipalArn is set but"], "RegionalGrid always passes the network's S3 interface endpoint"],
    [["components/storage/layout.ts", "processedPrefix:"], "the region comes from aws:region, checked against the region table"],
    [["components/flow/queue-policies.ts", "queue policy:"], "queue ARNs, the SQS endpoint id and the account come from the resources and the caller, never from config"],
    [["components/network/endpoint-policies.ts", "ownQueueNamePrefix"], "the own-queue prefix is the constant spot-grid-"],
    [["components/storage/bucket-replication.ts", "destinations is empty"], "BucketReplication is created only when spot-grid:storage.replicateTo lists a peer"],
    [["components/lib/naming.ts", "IAM name ${name}"], "IAM names are a fixed purpose plus the region code (at most 14 characters): never near 64"],
    [["components/keys/region-key.ts", "RegionKey ${name}"], "the key's deletion window is not configurable (the component default)"],
    [["components/audit/archive-policies.ts", "archive key policy"], "the account id comes from STS (the caller identity), always 12 digits"],
    [["components/audit/cis-alarms.ts", "pattern is ${a.pattern.length}"], "the longest pattern with the longest deployer ARN config accepts stays under 1024 characters (tests/components/audit/cis-alarms.test.ts)"],
];

// ---------------------------------------------------------------------------------------------

async function plan(stacks: Record<string, Record<string, unknown>>, argv: string[] = []): Promise<{ code: number; out: string[]; err: string[]; written: boolean }> {
    const dir = tempDir("spot-grid-component-check-");
    try {
        for (const [name, config] of Object.entries(stacks)) fs.writeFileSync(path.join(dir, `Pulumi.${name}.yaml`), stringify({ config }));
        const outDir = path.join(dir, "out");
        const out: string[] = [];
        const err: string[] = [];
        const code = await main(["--stacks-dir", dir, "--out", outDir, ...argv], { out: (l) => out.push(l), err: (l) => err.push(l) });
        return { code, out, err, written: fs.existsSync(outDir) };
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

function stacksOf(m: Mistake): Record<string, Record<string, unknown>> {
    if (m.stacks) return m.stacks();
    const c = base();
    m.mutate!(c);
    return { mumbai: c };
}

describe("every component check also runs on the config first (exit 2, one line, a fix the config accepts)", function () {
    this.timeout(120000);
    const sites = throwSites();

    before(async () => {
        // ReplicatedBucket and AccessLogBucket check in their constructors: they need a Pulumi runtime.
        await setupMocks();
    });

    it("finds the components' checks in the source (the scan itself works)", () => {
        assert.ok(sites.length > 50, `${sites.length} throw sites`);
        const pools = findSite(sites, [POOLS, "is fewer than the minimum"]);
        assert.strictEqual(pools.length, 1);
        assert.match("SpotFleet: 1 capacity pools (1 instance types x 1 AZs) is fewer than the minimum 10; add instance types, widen instanceRequirements or spread over more AZs (or lower minCapacityPools)", pools[0].message);
    });

    it("every component check is accounted for: a mistake below trips it, or config cannot reach it", () => {
        const claims = new Map<ThrowSite, string[]>();
        const claim = (ref: SiteRef, by: string) => {
            const found = findSite(sites, ref);
            assert.strictEqual(found.length, 1, `${ref.join(": ")} (${by}) names ${found.length} throw sites; make the snippet unique`);
            claims.set(found[0], [...(claims.get(found[0]) ?? []), by]);
        };
        for (const m of MISTAKES) for (const [ref] of m.trips) claim(ref, m.title);
        for (const [ref, why] of UNREACHABLE) claim(ref, `unreachable: ${why}`);
        const unclaimed = sites.filter((s) => !claims.has(s)).map((s) => `${s.file}:${s.line}: ${s.text.slice(0, 120)}`);
        assert.deepStrictEqual(unclaimed, [], "add a config check and a mistake here, or list the site as unreachable with the reason");
        for (const [site, by] of claims) {
            if (by.some((b) => b.startsWith("unreachable")) && by.length > 1) assert.fail(`${site.file}:${site.line} is both tripped and listed unreachable: ${by.join("; ")}`);
        }
    });

    for (const m of MISTAKES) {
        describe(m.title, () => {
            for (const [ref, trip] of m.trips) {
                it(`trips ${ref[0]}: ${ref[1]}`, () => {
                    const [site] = findSite(sites, ref);
                    assert.ok(site, `no throw site ${ref.join(": ")}`);
                    assert.throws(trip, (e: unknown) => {
                        assert.match((e as Error).message, site.message, `thrown by another check than ${site.file}:${site.line}`);
                        return true;
                    });
                });
            }

            it("stops the plan with exit 2 and one line naming the file, the key and an accepted fix; nothing written", async () => {
                const r = await plan(stacksOf(m), m.argv);
                assert.strictEqual(r.code, 2, `exit ${r.code}, stderr:\n${r.err.join("\n")}`);
                assert.strictEqual(r.err.length, 1, r.err.join("\n"));
                const line = r.err[0].replace(/^plan: /, "");
                assert.ok(!line.includes("\n") && !/\n\s+at /.test(line), line);
                assert.match(line, /^Pulumi\.[\w-]+\.yaml: /);
                assert.match(line, m.expect);
                assertAdviceAccepted(line);
                assert.deepStrictEqual(r.out, []);
                assert.ok(!r.written, "no partial output");
            });
        });
    }

    it("the advice check catches advice the config rejects (the newcomer's '(or lower minCapacityPools)')", () => {
        assert.throws(() => assertAdviceAccepted("Pulumi.ohio.yaml: spot-grid:compute: 1 capacity pools is fewer than the minimum 10; add instance types (or lower minCapacityPools)"), /'minCapacityPools' in the advice is not a config key/);
        assert.throws(() => assertAdviceAccepted("Pulumi.ohio.yaml: spot-grid:compute: x; set spot-grid:compute.minPools"), /'spot-grid:compute\.minPools' in the advice is not a config key/);
        assert.doesNotThrow(() => assertAdviceAccepted("Pulumi.ohio.yaml: spot-grid:network.cidr: x; raise subnetSlots or spot-grid:network.availabilityZones"));
    });
});

describe("component checks that were stricter than AWS", () => {
    it("accepts a vCPU minimum of 0, which AWS reads as 'no minimum' (it was rejected after config had accepted it: exit 3)", () => {
        // https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_VCpuCountRequest.html (Min: minimum value of 0)
        assert.doesNotThrow(() => validateDiversification({ instanceRequirements: { vcpu: { min: 0, max: 16 }, memoryMiB: { min: 0 } } }));
        assert.doesNotThrow(() => validateSpotFleetArgs(fleet({ instanceTypes: undefined, instanceRequirements: { vcpu: { min: 0, max: 16 }, memoryMiB: { min: 0 } } })));
    });
});
