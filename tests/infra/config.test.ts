import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { stringify } from "yaml";
import { ConfigError, deployOrder, deployWaves, isPrimary, loadStackSet, parseStackConfig } from "../../infra/config";
import { base, CONFIG_MISTAKES } from "./config-cases";
import { tempDir } from "../helpers/temp";
import { assertAdviceAccepted } from "./config-schema";

/** How zod words its own messages; users get plain words instead (infra/config/messages.ts). */
const RAW_VALIDATOR_WORDING = /expected [a-z]+, received|received undefined|Invalid (input|option|string|element)|Too (small|big):|Unrecognized key/;

function rejects(mutate: (c: Record<string, any>) => void, pattern: RegExp): void {
    const c = base();
    mutate(c);
    assert.throws(
        () => parseStackConfig("mumbai", c),
        (e: unknown) => {
            assert.ok(e instanceof ConfigError, `expected ConfigError, got ${e}`);
            const msg = (e as Error).message;
            assert.ok(!msg.includes("\n"), `message must be one line: ${msg}`);
            assert.match(msg, /^Pulumi\.mumbai\.yaml: /);
            assert.doesNotMatch(msg, RAW_VALIDATOR_WORDING);
            assertAdviceAccepted(msg);
            assert.match(msg, pattern);
            return true;
        },
    );
}

describe("infra/config: one stack", () => {
    it("parses the valid config into typed values", () => {
        const c = parseStackConfig("mumbai", base());
        assert.strictEqual(c.region, "ap-south-1");
        assert.strictEqual(c.network.availabilityZones, 3);
        assert.deepStrictEqual(c.storage.replicateTo, []);
    });

    it("accepts structured values as JSON text, as the engine passes them", () => {
        const raw = Object.fromEntries(Object.entries(base()).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
        assert.strictEqual(parseStackConfig("mumbai", raw).network.cidr, "10.20.0.0/16");
    });

    for (const [title, mutate, pattern] of CONFIG_MISTAKES) {
        it(`rejects ${title}`, () => rejects(mutate, pattern));
    }

    it("rejects a stack name that cannot become part of resource names", () => {
        assert.throws(() => parseStackConfig("Mumbai_1", base()), /stack name "Mumbai_1" must be lower-case/);
    });
});

/** Writes stack files into a temp dir: name -> config map. */
export function writeStacks(stacks: Record<string, Record<string, unknown>>): string {
    const dir = tempDir("spot-grid-stacks-");
    for (const [name, config] of Object.entries(stacks)) fs.writeFileSync(path.join(dir, `Pulumi.${name}.yaml`), stringify({ config }));
    return dir;
}

function regionStack(region: string, cidr: string, replicateTo: string[] = []): Record<string, any> {
    const c = base();
    c["aws:region"] = region;
    c["spot-grid:network"].cidr = cidr;
    c["spot-grid:storage"].replicateTo = replicateTo;
    return c;
}

describe("infra/config: the set of stacks", () => {
    it("loads the project's own stacks and orders replica stacks before the primary", () => {
        const stacks = loadStackSet(path.resolve(__dirname, "../.."));
        const order = deployOrder(stacks).map((s) => s.stack);
        assert.ok(order.indexOf("mumbai") > order.indexOf("hyderabad"));
        assert.ok(order.indexOf("mumbai") > order.indexOf("ohio"));
        assert.deepStrictEqual(deployWaves(stacks).map((w) => w.map((s) => s.stack)), [["hyderabad", "ohio"], ["mumbai"]]);
    });

    it("rejects VPC CIDRs that overlap between stacks, naming both files", () => {
        const dir = writeStacks({ a: regionStack("ap-south-1", "10.20.0.0/16"), b: regionStack("us-east-2", "10.20.128.0/17") });
        assert.throws(() => loadStackSet(dir), /^ConfigError: Pulumi\.b\.yaml: spot-grid:network\.cidr: 10\.20\.128\.0\/17 overlaps 10\.20\.0\.0\/16 of Pulumi\.a\.yaml/);
    });

    it("rejects a VPC CIDR that overlaps another stack's on-prem range", () => {
        const a = regionStack("ap-south-1", "10.20.0.0/16");
        a["spot-grid:onPrem"].cidrs = ["192.168.0.0/16"];
        const dir = writeStacks({ a, b: regionStack("us-east-2", "192.168.10.0/24") });
        assert.throws(() => loadStackSet(dir), /Pulumi\.b\.yaml: spot-grid:network\.cidr: 192\.168\.10\.0\/24 overlaps the on-prem range 192\.168\.0\.0\/16 of Pulumi\.a\.yaml/);
    });

    it("rejects replication to a stack that does not exist", () => {
        const dir = writeStacks({ a: regionStack("ap-south-1", "10.20.0.0/16", ["tokyo"]) });
        assert.throws(() => loadStackSet(dir), /Pulumi\.a\.yaml: spot-grid:storage\.replicateTo\[0\]: no stack "tokyo" \(known: a\); add Pulumi\.tokyo\.yaml or remove it/);
    });

    it("rejects a replication cycle, naming it", () => {
        const dir = writeStacks({
            a: regionStack("ap-south-1", "10.20.0.0/16", ["b"]),
            b: regionStack("us-east-2", "10.21.0.0/16", ["c"]),
            c: regionStack("ap-south-2", "10.22.0.0/16", ["a"]),
        });
        assert.throws(() => loadStackSet(dir), /replication cycle a -> b -> c -> a/);
    });

    it("rejects an unreadable stack file with a one-line message", () => {
        const dir = tempDir("spot-grid-stacks-");
        fs.writeFileSync(path.join(dir, "Pulumi.bad.yaml"), "config: [unclosed");
        assert.throws(() => loadStackSet(dir), (e: unknown) => e instanceof ConfigError && /^Pulumi\.bad\.yaml: not valid YAML/.test((e as Error).message) && !(e as Error).message.includes("\n"));
    });

    it("plans independent stacks in one wave and chains dependent ones (deployWaves alone: a chain is no stack set)", () => {
        const stacks = Object.entries({
            p: regionStack("ap-south-1", "10.20.0.0/16", ["r1", "r2"]),
            r1: regionStack("ap-south-2", "10.21.0.0/16"),
            r2: regionStack("us-east-2", "10.22.0.0/16", ["r1"]),
        }).map(([name, c]) => parseStackConfig(name, c));
        const waves = deployWaves(stacks).map((w) => w.map((s) => s.stack));
        assert.deepStrictEqual(waves, [["r1"], ["r2"], ["p"]]);
    });

    it("rejects a second stack that replicates out: one primary takes the writes (issue 11), naming the fix", () => {
        const dir = writeStacks({
            p: regionStack("ap-south-1", "10.20.0.0/16", ["r1", "r2"]),
            r1: regionStack("ap-south-2", "10.21.0.0/16"),
            r2: regionStack("us-east-2", "10.22.0.0/16", ["r1"]),
        });
        assert.throws(() => loadStackSet(dir), (e: unknown) => e instanceof ConfigError && /^Pulumi\.r2\.yaml: spot-grid:storage\.replicateTo: p and r2 both replicate to other stacks; one stack, the primary, .*remove replicateTo from all but the primary/.test((e as Error).message));
    });

    it("the primary is the stack that replicates; a set where none does is all primaries (each takes its own uploads)", () => {
        const project = loadStackSet(path.resolve(__dirname, "../.."));
        assert.deepStrictEqual(project.filter((s) => isPrimary(s, project)).map((s) => s.stack), ["mumbai"]);
        const lone = [parseStackConfig("a", regionStack("ap-south-1", "10.20.0.0/16")), parseStackConfig("b", regionStack("us-east-2", "10.21.0.0/16"))];
        assert.deepStrictEqual(lone.filter((s) => isPrimary(s, lone)).map((s) => s.stack), ["a", "b"]);
    });
});

describe("config validation stands alone", () => {
    it("loads no Pulumi module: a config mistake is reported before the SDK (about half a second) loads", () => {
        const root = path.resolve(__dirname, "..", "..");
        const listPulumiModules = `require("./infra/config"); process.stdout.write(JSON.stringify(Object.keys(require.cache).filter((f) => f.includes("${path.sep}node_modules${path.sep}@pulumi${path.sep}"))))`;
        const p = spawnSync(process.execPath, ["-r", "./tools/register.js", "-e", listPulumiModules], { cwd: root, encoding: "utf8" });
        assert.strictEqual(p.status, 0, p.stderr);
        assert.deepStrictEqual(JSON.parse(p.stdout), [], "infra/config imports a module that loads the SDK; move what it needs into an SDK-free module (as components/compute/capacity-alarm-settings)");
    });
});
