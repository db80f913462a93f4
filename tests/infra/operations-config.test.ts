/**
 * `spot-grid:operators` and `spot-grid:operations`: documented defaults, every mistake one line
 * naming the stack file and key (through the parser and through the plan CLI, exit 2, nothing
 * written), and the one-line warnings of a valid config that leaves alarms or operators unattended.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse, stringify } from "yaml";
import { ConfigError, parseStackConfig, stackWarnings, validateStackSet } from "../../infra/config";
import { main } from "../../tools/plan/main";
import { base } from "./config-cases";
import { tempDir } from "../helpers/temp";

const MISTAKES: [string, (c: Record<string, any>) => void, RegExp][] = [
    ["an assumed-role session instead of a role", (c) => (c["spot-grid:operators"] = { previewRoleArn: "arn:aws:sts::111122223333:assumed-role/spot-grid-preview/gh-123" }),
        /Pulumi\.mumbai\.yaml: spot-grid:operators\.previewRoleArn: "arn:aws:sts::111122223333:assumed-role\/spot-grid-preview\/gh-123" is not an IAM role ARN; give the pull-request preview's role/],
    ["operator roles in two accounts", (c) => (c["spot-grid:operators"] = { previewRoleArn: "arn:aws:iam::111122223333:role/p", driftRoleArn: "arn:aws:iam::444455556666:role/d" }),
        /spot-grid:operators: the operator roles are in different accounts \(111122223333, 444455556666\)/],
    ["a break-glass role in another account than the operators", (c) => {
        c["spot-grid:operators"] = { driftRoleArn: "arn:aws:iam::111122223333:role/d" };
        c["spot-grid:storage"].breakGlassRoleArn = "arn:aws:iam::444455556666:role/bg";
    }, /spot-grid:storage\.breakGlassRoleArn: arn:aws:iam::444455556666:role\/bg is in another account than the operator roles/],
    ["an unknown operators key", (c) => (c["spot-grid:operators"] = { deployRoleArn: "arn:aws:iam::111122223333:role/d" }), /spot-grid:operators\.deployRoleArn: unknown key; did you mean deployerRoleArn\?/],
    ["a subscription that is not an email address", (c) => (c["spot-grid:operations"] = { subscriptions: [{ protocol: "email", endpoint: "oncall" }] }),
        /spot-grid:operations\.subscriptions\[0\]\.endpoint: "oncall" is not an email address/],
    ["plain http", (c) => (c["spot-grid:operations"] = { subscriptions: [{ protocol: "https", endpoint: "http://hooks.example.com/x" }] }), /subscriptions\[0\]\.endpoint: .* is not an https:\/\/ URL/],
    ["an SQS endpoint that is not a queue ARN", (c) => (c["spot-grid:operations"] = { subscriptions: [{ protocol: "sqs", endpoint: "https://sqs.ap-south-1.amazonaws.com/111122223333/q" }] }), /is not an SQS queue ARN/],
    ["an unknown protocol", (c) => (c["spot-grid:operations"] = { subscriptions: [{ protocol: "sms", endpoint: "+911234567890" }] }), /subscriptions\[0\]\.protocol: "sms" is not a protocol; use email, https, sqs, lambda/],
    ["a subscription listed twice", (c) => (c["spot-grid:operations"] = { subscriptions: [{ protocol: "email", endpoint: "a@example.com" }, { protocol: "email", endpoint: "a@example.com" }] }), /subscriptions\[1\]: repeats email a@example\.com/],
    ["a capacity alarm period that is not a multiple of 5", (c) => (c["spot-grid:operations"] = { capacityAlarmMinutes: 7 }), /spot-grid:operations\.capacityAlarmMinutes: must be a whole number of minutes, a multiple of 5/],
];

describe("infra/config: spot-grid:operators and spot-grid:operations", () => {
    it("defaults: no operators beyond the deployer (the caller), no subscriptions, a 15-minute capacity alarm", () => {
        const c = parseStackConfig("mumbai", base());
        assert.deepStrictEqual(c.operators, {});
        assert.deepStrictEqual(c.operations, { subscriptions: [], capacityAlarmMinutes: 15 });
        assert.strictEqual(c.storage.breakGlassRoleArn, undefined, "no break-glass default: nothing trusts a role nobody created");
    });
    it("accepts every documented subscription protocol", () => {
        const c = base();
        c["spot-grid:operations"] = {
            subscriptions: [
                { protocol: "email", endpoint: "grid-oncall@example.com" },
                { protocol: "https", endpoint: "https://events.example.com/hook" },
                { protocol: "sqs", endpoint: "arn:aws:sqs:ap-south-1:111122223333:chat-relay" },
                { protocol: "lambda", endpoint: "arn:aws:lambda:ap-south-1:111122223333:function:notify" },
            ],
        };
        assert.strictEqual(parseStackConfig("mumbai", c).operations.subscriptions.length, 4);
    });
    for (const [title, mutate, pattern] of MISTAKES) {
        it(`rejects ${title} in one line`, () => {
            const c = base();
            mutate(c);
            assert.throws(() => parseStackConfig("mumbai", c), (e: unknown) => e instanceof ConfigError && pattern.test((e as Error).message) && !(e as Error).message.includes("\n"));
        });
    }
    it("warns in one line each when alarms reach nobody or preview/drift roles are missing", () => {
        // The audit section's warnings are tested in tests/infra/audit-config.test.ts.
        const warnings = stackWarnings(parseStackConfig("mumbai", base())).filter((w) => !w.includes("instanceTypes") && !w.includes("spot-grid:audit"));
        assert.deepStrictEqual(warnings, [
            "Pulumi.mumbai.yaml: spot-grid:operations.subscriptions is empty: alarms of mumbai reach nobody; add an email, https, sqs or lambda subscription",
            "Pulumi.mumbai.yaml: spot-grid:operators.previewRoleArn and driftRoleArn not set: the pull-request preview and drift job cannot read mumbai's buckets; set the roles the workflows assume",
            "Pulumi.mumbai.yaml: spot-grid:network.vpn.tunnelInsideCidrs not set: AWS picks mumbai's tunnel /30s at random and they may clash with another region's on the same firewall; set two unique /30s from 169.254.0.0/16 before the first deploy",
        ]);
        const c = base();
        c["spot-grid:network"].vpn = { tunnelInsideCidrs: ["169.254.10.0/30", "169.254.10.4/30"] };
        c["spot-grid:operations"] = { subscriptions: [{ protocol: "email", endpoint: "a@example.com" }] };
        c["spot-grid:operators"] = { previewRoleArn: "arn:aws:iam::111122223333:role/p", driftRoleArn: "arn:aws:iam::111122223333:role/d" };
        assert.deepStrictEqual(stackWarnings(parseStackConfig("mumbai", c)).filter((w) => !w.includes("instanceTypes") && !w.includes("spot-grid:audit")), []);
    });
});

describe("infra/config: S3 RTC degrades with a warning where a Region does not offer it", () => {
    const stack = (name: string, region: string, storage: Record<string, unknown>) => {
        const c = base();
        c["aws:region"] = region;
        c["spot-grid:storage"] = { ...c["spot-grid:storage"], ...storage };
        return parseStackConfig(name, c);
    };
    const hyderabad = stack("hyderabad", "ap-south-2", {});
    it("defaults to RTC on, and no warning for the real Regions", () => {
        const mumbai = stack("mumbai", "ap-south-1", { replicateTo: ["hyderabad"] });
        assert.strictEqual(mumbai.storage.replicationTimeControl, true);
        assert.ok(!stackWarnings(mumbai, [hyderabad]).some((w) => w.includes("RTC")));
    });
    it("warns in one line, naming the Region and the peer, when a destination's Region has no RTC", () => {
        const mumbai = stack("mumbai", "ap-south-1", { replicateTo: ["hyderabad"] });
        const w = stackWarnings(mumbai, [hyderabad], new Set(["ap-south-2"])).filter((x) => x.includes("RTC"));
        assert.deepStrictEqual(w, [
            "Pulumi.mumbai.yaml: spot-grid:storage.replicationTimeControl: S3 RTC is not offered in ap-south-2 (as of 2026-11-29); replication to hyderabad runs without the 15-minute SLA, with metrics and alarms",
        ]);
        const optedOut = stack("mumbai", "ap-south-1", { replicateTo: ["hyderabad"], replicationTimeControl: false });
        assert.deepStrictEqual(stackWarnings(optedOut, [hyderabad], new Set(["ap-south-2"])).filter((x) => x.includes("RTC")), [], "opted out: nothing to warn about");
    });
    it("rejects a non-boolean, naming the file and key", () => {
        assert.throws(() => stack("mumbai", "ap-south-1", { replicationTimeControl: "yes" }), (e: unknown) => e instanceof ConfigError && /^Pulumi\.mumbai\.yaml: spot-grid:storage\.replicationTimeControl: /.test((e as Error).message));
    });
});

describe("infra/config: VPN tunnel /30s across the stack set", () => {
    const stack = (name: string, region: string, cidr: string, tunnels: string[]) => {
        const c = base();
        c["aws:region"] = region;
        c["spot-grid:network"].cidr = cidr;
        c["spot-grid:network"].vpn = { tunnelInsideCidrs: tunnels };
        return parseStackConfig(name, c);
    };
    it("accepts stacks whose tunnels each have their own /30", () => {
        validateStackSet([stack("mumbai", "ap-south-1", "10.20.0.0/16", ["169.254.10.0/30", "169.254.10.4/30"]), stack("hyderabad", "ap-south-2", "10.21.0.0/16", ["169.254.11.0/30", "169.254.11.4/30"])]);
    });
    it("rejects a /30 another stack's tunnel already uses, naming both files", () => {
        assert.throws(
            () => validateStackSet([stack("hyderabad", "ap-south-2", "10.21.0.0/16", ["169.254.11.0/30", "169.254.11.4/30"]), stack("mumbai", "ap-south-1", "10.20.0.0/16", ["169.254.10.0/30", "169.254.11.4/30"])]),
            (e: unknown) =>
                e instanceof ConfigError &&
                (e as Error).message ===
                    "Pulumi.mumbai.yaml: spot-grid:network.vpn.tunnelInsideCidrs[1]: 169.254.11.4/30 overlaps 169.254.11.4/30 of Pulumi.hyderabad.yaml; the on-prem firewall terminates every region's tunnels, so give each tunnel its own /30",
        );
    });
});

describe("tools/plan: operators and operations mistakes exit 2 with one line and write nothing", () => {
    for (const [title, mutate, pattern] of MISTAKES.slice(0, 3)) {
        it(title, async () => {
            const dir = tempDir("spot-grid-ops-mistake-");
            const c = base();
            mutate(c);
            fs.writeFileSync(path.join(dir, "Pulumi.mumbai.yaml"), stringify({ config: c }));
            const out: string[] = [];
            const err: string[] = [];
            const code = await main(["--stacks-dir", dir, "--out", path.join(dir, "out")], { out: (l) => out.push(l), err: (l) => err.push(l) });
            assert.strictEqual(code, 2);
            assert.strictEqual(err.length, 1, err.join("\n"));
            assert.match(err[0], /^plan: Pulumi\.mumbai\.yaml: /);
            assert.match(err[0], pattern);
            assert.deepStrictEqual(out, []);
            assert.ok(!fs.existsSync(path.join(dir, "out")));
        });
    }
});

describe("tools/plan: warns in one line for a stack whose alarms reach nobody", function () {
    this.timeout(180_000);
    it("plans and prints each warning once on stderr", async () => {
        const dir = tempDir("spot-grid-ops-warn-");
        // The real ohio stack without its subscriptions and preview/drift roles.
        const ohio = parse(fs.readFileSync(path.resolve(__dirname, "../../Pulumi.ohio.yaml"), "utf8"));
        // ohio alone holds no account trail; make it the audit home so only the warnings below remain.
        ohio.config["spot-grid:audit"].trail = "account";
        delete ohio.config["spot-grid:operations"];
        delete ohio.config["spot-grid:operators"];
        fs.writeFileSync(path.join(dir, "Pulumi.ohio.yaml"), stringify(ohio));
        const err: string[] = [];
        const code = await main(["--stacks-dir", dir, "--out", path.join(dir, "out"), "--format", "json"], { out: () => undefined, err: (l) => err.push(l) });
        // ohio alone is not a replica of anything (s3-replicated: exit 1), but the plan is made and warned.
        assert.ok(code === 0 || code === 1, `exit ${code}: ${err.join("\n")}`);
        // stderr: the warnings, then the verdict as the last line (stdout holds the JSON).
        const [warnings, verdict] = [err.slice(0, -1), err[err.length - 1]];
        assert.match(verdict, /^Verdict: exit [01], /);
        assert.deepStrictEqual(warnings.map((l) => l.replace(/:.*$/, "")), ["plan", "plan", "plan"]);
        assert.match(warnings[0], /^plan: warning: Pulumi\.ohio\.yaml: spot-grid:operations\.subscriptions is empty: alarms of ohio reach nobody/);
        assert.match(warnings[1], /^plan: warning: Pulumi\.ohio\.yaml: spot-grid:operators\.previewRoleArn and driftRoleArn not set/);
        // Until us-east-2's per-AZ offerings are recorded (infra/config/instance-offerings.ts).
        assert.match(warnings[2], /^plan: warning: Pulumi\.ohio\.yaml: spot-grid:compute\.instanceTypes not checked against us-east-2's per-AZ offerings/);
    });
});
