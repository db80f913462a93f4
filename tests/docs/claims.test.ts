/**
 * The docs' claims, checked against the code so they cannot drift: what they cite exists, the
 * upload commands they show are allowed, the retention option they describe passes the plan, and
 * adding a region takes exactly the steps the README lists.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse, stringify } from "yaml";
import { s3ViaService } from "../../components/lib/policy-document";
import { uploaderPolicy } from "../../components/storage/access-policies";
import { ConfigError, parseStackConfig } from "../../infra/config";
import { DEFAULT_MIN_LOG_RETENTION_DAYS } from "../../policies/data-protection/s3Lifecycle";
import { main } from "../../tools/plan/main";
import { decide } from "../components/storage/iam-sim";
import { ACCOUNT, mumbai, mumbaiBucketPolicy, mumbaiKeyPolicy, roles, UPLOAD_ENDPOINT } from "../components/storage/fixtures";
import { tempDir } from "../helpers/temp";

const ROOT = path.resolve(__dirname, "..", "..");
const DOCS = [path.join(ROOT, "README.md"), ...fs.readdirSync(path.join(ROOT, "docs")).filter((f) => f.endsWith(".md")).map((f) => path.join(ROOT, "docs", f))];
const read = (f: string) => fs.readFileSync(f, "utf8");
const rel = (f: string) => path.relative(ROOT, f);

function sourceFiles(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : []));
}

interface Planned {
    code: number;
    err: string[];
    stacks: { stack: string; violations: { policy: string; urn: string; enforcementLevel: string }[] }[];
}

/** Plans `only` from a copy of the project's stack files, changed by `change`. */
async function planWith(change: (stacks: Record<string, { config: Record<string, any> }>) => void, only: string[]): Promise<Planned> {
    const dir = tempDir("spot-grid-docs-");
    try {
        const stacks: Record<string, { config: Record<string, any> }> = {};
        for (const f of fs.readdirSync(ROOT).filter((n) => /^Pulumi\.[^.]+\.yaml$/.test(n))) stacks[f.split(".")[1]] = parse(read(path.join(ROOT, f)));
        change(stacks);
        for (const [name, doc] of Object.entries(stacks)) fs.writeFileSync(path.join(dir, `Pulumi.${name}.yaml`), stringify(doc));
        const out: string[] = [];
        const err: string[] = [];
        const code = await main(["--stacks-dir", dir, "--out", path.join(dir, "out"), ...only.flatMap((o) => ["--stack", o]), "--format", "json"], { out: (l) => out.push(l), err: (l) => err.push(l) });
        return { code, err, stacks: out.length ? JSON.parse(out.join("\n")).stacks : [] };
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

const mandatory = (p: Planned, stack: string, policy?: string) =>
    (p.stacks.find((s) => s.stack === stack)?.violations ?? []).filter((v) => v.enforcementLevel === "mandatory" && (policy === undefined || v.policy === policy));

describe("docs: claims checked against the code", function () {
    this.timeout(120000);

    it("every function and repository file a doc cites exists (docs/compute.md cited ebsKeyUseStatements(), which never did)", () => {
        const exported = new Set<string>();
        for (const f of ["components", "infra", "policies", "tools"].flatMap((d) => sourceFiles(path.join(ROOT, d)))) {
            for (const m of read(f).matchAll(/export (?:async )?(?:function|const|class) (\w+)/g)) exported.add(m[1]);
        }
        const missing: string[] = [];
        for (const doc of DOCS) {
            const text = read(doc);
            for (const m of text.matchAll(/`(\w+)\(\)`/g)) if (!exported.has(m[1])) missing.push(`${rel(doc)}: ${m[1]}() is not exported anywhere`);
            for (const m of text.matchAll(/`?((?:components|infra|policies|tools|tests|docs)\/[\w./-]+\.(?:ts|md|json))`?/g)) {
                if (!fs.existsSync(path.join(ROOT, m[1]))) missing.push(`${rel(doc)}: ${m[1]} does not exist`);
            }
        }
        assert.deepStrictEqual(missing, []);
    });

    it("says the EBS key (not the data key) admits the EBS launch services, naming where (issue 10 split the keys)", () => {
        const compute = read(path.join(ROOT, "docs", "compute.md"));
        assert.doesNotMatch(compute, /not yet part of the region key/);
        assert.match(compute, /\*\*EBS key\*\* \(`alias\/spot-grid-<stack>-ebs`/);
        assert.match(compute, /`ebsKeyPolicyDocument\(\)`/);
        assert.match(read(path.join(ROOT, "components", "keys", "key-policy.ts")), /export function ebsKeyPolicyDocument/);
    });

    it("every upload command the docs show is one the uploader role may run (docs/network.md wrote to raw/)", async () => {
        const commands = DOCS.flatMap((doc) => [...read(doc).matchAll(/aws s3 cp (\S+) s3:\/\/([^/\s`]+)\/(\S*)/g)].map((m) => ({ doc: rel(doc), file: m[1], key: m[3].endsWith("/") || m[3] === "" ? `${m[3]}${path.basename(m[1])}` : m[3] })));
        assert.ok(commands.length >= 2, `found ${commands.length} upload commands`);
        const uploader = [uploaderPolicy({ ...mumbai, uploadEndpointId: UPLOAD_ENDPOINT })];
        for (const c of commands) {
            const put = await decide({
                principal: roles.uploader, action: "s3:PutObject", resource: `${mumbai.bucketArn}/${c.key}`, accountId: ACCOUNT,
                context: { "aws:SourceVpce": UPLOAD_ENDPOINT }, identityPolicies: uploader, resourcePolicy: mumbaiBucketPolicy,
            });
            assert.strictEqual(put, "Allowed", `${c.doc}: aws s3 cp ${c.file} ... /${c.key} is ${put} for the uploader role`);
            const kms = await decide({
                principal: roles.uploader, action: "kms:GenerateDataKey", resource: mumbai.keyArn, accountId: ACCOUNT,
                context: { "kms:CallerAccount": ACCOUNT, "kms:ViaService": s3ViaService("ap-south-1"), "kms:EncryptionContext:aws:s3:arn": mumbai.bucketArn },
                identityPolicies: uploader, resourcePolicy: mumbaiKeyPolicy,
            });
            assert.strictEqual(kms, "Allowed", `${c.doc}: the upload's data key is ${kms}`);
        }
    });

    /** The smallest logRetentionDays the config accepts (for hyderabad). */
    function smallestLogRetention(): number {
        const base = parse(read(path.join(ROOT, "Pulumi.hyderabad.yaml"))).config;
        const accepts = (days: number) => {
            try {
                parseStackConfig("hyderabad", { ...base, "spot-grid:storage": { ...base["spot-grid:storage"], logRetentionDays: days } });
                return true;
            } catch (e) {
                if (e instanceof ConfigError) return false;
                throw e;
            }
        };
        let days = 1;
        while (!accepts(days)) days++;
        return days;
    }

    const frankfurt = (s: Record<string, { config: Record<string, any> }>) => {
        s.frankfurt = structuredClone(s.ohio);
        s.frankfurt.config["aws:region"] = "eu-central-1";
        s.frankfurt.config["spot-grid:network"].cidr = "10.40.0.0/16";
        // Its own tunnel /30s too (README: "VPN tunnel /30s that overlap no other stack's").
        s.frankfurt.config["spot-grid:network"].vpn = { tunnelInsideCidrs: ["169.254.13.0/30", "169.254.13.4/30"] };
    };
    const logRetention = smallestLogRetention();
    // Two plans serve four claims (each plan costs a process per stack).
    let fileAlone: Planned;
    let fileAndReplicateTo: Planned;
    before(async () => {
        fileAlone = await planWith((s) => {
            frankfurt(s);
            s.hyderabad.config["spot-grid:storage"].logRetentionDays = logRetention;
        }, ["frankfurt", "hyderabad"]);
        fileAndReplicateTo = await planWith((s) => {
            frankfurt(s);
            s.mumbai.config["spot-grid:storage"].replicateTo.push("frankfurt");
        }, ["frankfurt"]);
    });

    describe("docs/data.md: logRetentionDays deletes access logs after a year and the plan passes", () => {
        it("names the s3-lifecycle policy's own minimum, which every retention the config accepts meets", () => {
            const row = read(path.join(ROOT, "docs", "data.md")).split("\n").find((l) => l.includes("`logRetentionDays`"));
            assert.ok(row, "docs/data.md has no logRetentionDays row");
            assert.match(row, new RegExp(`\`minLogRetentionDays\` \\(${DEFAULT_MIN_LOG_RETENTION_DAYS}\\)`));
            assert.ok(logRetention >= DEFAULT_MIN_LOG_RETENTION_DAYS, `config accepts ${logRetention}, below the policy's ${DEFAULT_MIN_LOG_RETENTION_DAYS}`);
        });

        it("plans clean with the smallest retention the config accepts (was a mandatory s3-lifecycle violation)", () => {
            assert.deepStrictEqual(mandatory(fileAlone, "hyderabad"), [], fileAlone.err.join("\n"));
            assert.ok(fileAlone.stacks.some((s) => s.stack === "hyderabad"), fileAlone.err.join("\n"));
        });
    });

    describe("README: adding a region is adding a file and listing it in the primary's replicateTo", () => {
        it("says both steps", () => {
            const section = (read(path.join(ROOT, "README.md")).split("## Stack configuration")[1] ?? "").trim();
            assert.match(section.split("\n\n")[0], /adding a region is adding a file[\s\S]*replicateTo/);
        });

        it("a file alone: the new region's data bucket fails s3-replicated (exit 1)", () => {
            assert.strictEqual(fileAlone.code, 1, fileAlone.err.join("\n"));
            const hits = mandatory(fileAlone, "frankfurt");
            assert.ok(hits.length > 0 && hits.every((v) => v.policy === "s3-replicated"), JSON.stringify(hits));
        });

        it("the file and replicateTo: clean (exit 0)", () => {
            assert.deepStrictEqual(mandatory(fileAndReplicateTo, "frankfurt"), []);
            assert.strictEqual(fileAndReplicateTo.code, 0, fileAndReplicateTo.err.join("\n"));
        });
    });
});
