import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { evaluateStackExport, formatViolationsText, hasMandatoryViolations, PolicyConfigError } from "../../../policies/lib/evaluator";
import type { PackDefinition } from "../../../policies/lib/pack";
import { UNKNOWN } from "../../../policies/lib/resource-props";
import { ExportedResource, parseStackExport, SECRET_SIG, secretEnvelope, SPECIAL_SIG_KEY, StackExport } from "../../../policies/lib/stack-export";

const SAMPLE = path.join(__dirname, "..", "..", "fixtures", "formats", "stack-export-sample.json");
const STACK = "urn:pulumi:t::p::pulumi:pulumi:Stack::p-t";
const PROVIDER_URN = "urn:pulumi:t::p::pulumi:providers:aws::default";

function exportOf(...resources: ExportedResource[]): StackExport {
    return {
        version: 3,
        deployment: {
            resources: [
                { urn: STACK, type: "pulumi:pulumi:Stack", custom: false, outputs: {} },
                { urn: PROVIDER_URN, type: "pulumi:providers:aws", custom: true, id: "pid", inputs: { region: "ap-south-1" }, outputs: {} },
                ...resources,
            ],
        },
    };
}

function res(type: string, name: string, inputs: Record<string, unknown>, outputs: Record<string, unknown> = inputs): ExportedResource {
    return { urn: `urn:pulumi:t::p::${type}::${name}`, type, custom: true, id: name, inputs, outputs, parent: STACK, provider: `${PROVIDER_URN}::pid` };
}

/** A pack whose policies record what the evaluator hands them. */
function probePack(seen: { type: string; provider?: string; config: object; props: unknown }[], stackSeen: string[][]): PackDefinition {
    return {
        name: "probe",
        dir: "probe",
        version: "1.0.0",
        description: "probe",
        enforcementLevel: "advisory",
        policies: [
            {
                name: "probe-resource",
                description: "records",
                enforcementLevel: "mandatory",
                configSchema: { properties: { limit: { type: "number", default: 3 } } },
                validateResource: (args, report) => {
                    seen.push({ type: args.type, provider: args.provider?.urn, config: args.getConfig(), props: args.props });
                    if (args.props.bad === true) report("bad is true");
                    if (args.props.na === true) args.notApplicable("not for this one");
                    void args.props.maybe; // throws UnknownValueError when unknown
                },
            },
            {
                name: "probe-stack",
                description: "records",
                validateStack: (args, report) => {
                    stackSeen.push(args.resources.map((r) => `${r.type}${r.parent ? `<${r.parent.type}` : ""}`));
                    for (const r of args.resources) if (r.props.badOutput === true) report("bad output", r.urn);
                },
            },
        ],
    };
}

describe("policies/lib/evaluator", () => {
    it("runs every pack over the sample export (tests/fixtures/formats; a ciphertext-only secret included) without crashing", async () => {
        const doc = parseStackExport(fs.readFileSync(SAMPLE, "utf8"));
        const result = await evaluateStackExport(doc);
        assert.ok(result.packs.length >= 3);
        assert.strictEqual(result.resourcesAnalyzed, 8); // every registered resource: stack, provider, component and the five custom ones
        assert.ok(result.violations.every((v) => !/failed with an error/.test(v.message)), formatViolationsText(result));
        // The sample bucket has no TLS-denying bucket policy: reported on the bucket.
        assert.ok(result.violations.some((v) => v.policy === "s3-deny-insecure-transport-present" && v.urn.endsWith("aws:s3/bucket:Bucket::data")));
    });

    it("analyzes every registered resource on inputs (stack, providers and components too, not reads) with its provider; stack policies see outputs with parents", async () => {
        const seen: { type: string; provider?: string; config: object; props: unknown }[] = [];
        const stackSeen: string[][] = [];
        const doc = exportOf(
            { urn: "urn:pulumi:t::p::my:comp:C::c", type: "my:comp:C", custom: false, parent: STACK },
            res("aws:s3/bucket:Bucket", "b", { bad: true }, { badOutput: true }),
            res("kubernetes:core/v1:Namespace", "other", {}),
            { ...res("aws:s3/bucket:Bucket", "read", { bad: true }), external: true },
        );
        const result = await evaluateStackExport(doc, { available: [probePack(seen, stackSeen)] });
        assert.deepStrictEqual(seen.map((s) => s.type), ["pulumi:pulumi:Stack", "pulumi:providers:aws", "my:comp:C", "aws:s3/bucket:Bucket", "kubernetes:core/v1:Namespace"]);
        assert.deepStrictEqual(seen.map((s) => s.provider), [undefined, undefined, undefined, PROVIDER_URN, PROVIDER_URN]);
        assert.deepStrictEqual(seen[3].config, { limit: 3 });
        assert.strictEqual(result.resourcesAnalyzed, 5);
        assert.deepStrictEqual(stackSeen[0], [
            "pulumi:pulumi:Stack",
            "pulumi:providers:aws",
            "my:comp:C<pulumi:pulumi:Stack",
            "aws:s3/bucket:Bucket<pulumi:pulumi:Stack",
            "kubernetes:core/v1:Namespace<pulumi:pulumi:Stack",
            "aws:s3/bucket:Bucket<pulumi:pulumi:Stack",
        ]);
        assert.deepStrictEqual(
            result.violations.map((v) => [v.policy, v.enforcementLevel, v.message]),
            [
                ["probe-resource", "mandatory", "records\nbad is true"],
                ["probe-stack", "advisory", "records\nbad output"],
            ],
        );
        assert.ok(hasMandatoryViolations(result));
    });

    it("reports as the analyzer and engine do: description then message, object reports, resource findings on the judged resource, stack findings on the stack unless they name one of its resources", async () => {
        const pack: PackDefinition = {
            name: "fmt",
            dir: "fmt",
            version: "1.0.0",
            description: "",
            enforcementLevel: "mandatory",
            policies: [
                {
                    name: "res",
                    description: "Buckets are private.",
                    validateResource: (args, report) => {
                        if (args.type !== "aws:s3/bucket:Bucket") return;
                        report("");
                        report("'b' is public.", "urn:pulumi:t::p::aws:s3/bucket:Bucket::elsewhere");
                        (report as unknown as (info: object) => void)({ message: "as an object", enforcementLevel: "advisory", urn: "ignored for resource policies" });
                    },
                },
                {
                    name: "stk",
                    description: "Stack rule.",
                    validateStack: (args, report) => {
                        report("no urn");
                        report("in the stack", args.resources.find((r) => r.type === "aws:s3/bucket:Bucket")!.urn);
                        report("not in the stack", "urn:pulumi:t::p::aws:s3/bucket:Bucket::gone");
                    },
                },
            ],
        };
        const bucket = res("aws:s3/bucket:Bucket", "b", {});
        const result = await evaluateStackExport(exportOf(bucket), { available: [pack] });
        assert.deepStrictEqual(
            result.violations.map((v) => [v.policy, v.urn, v.enforcementLevel, v.message]),
            [
                ["res", bucket.urn, "mandatory", "Buckets are private."],
                ["res", bucket.urn, "mandatory", "Buckets are private.\n'b' is public."],
                ["res", bucket.urn, "advisory", "as an object"],
                ["stk", STACK, "mandatory", "Stack rule.\nno urn"],
                ["stk", bucket.urn, "mandatory", "Stack rule.\nin the stack"],
                ["stk", STACK, "mandatory", "Stack rule.\nnot in the stack"],
            ],
        );
    });

    it("names a resource as the engine's URN.Name() does: everything after the third '::'", async () => {
        const names: string[] = [];
        const pack: PackDefinition = {
            name: "names",
            dir: "names",
            version: "1.0.0",
            description: "",
            enforcementLevel: "advisory",
            policies: [
                { name: "r", description: "", validateResource: (args) => void names.push(`r:${args.name}${args.provider ? `@${args.provider.name}` : ""}`) },
                { name: "s", description: "", validateStack: (args) => void names.push(...args.resources.map((r) => `s:${r.name}`)) },
            ],
        };
        const weird = { ...res("aws:s3/bucket:Bucket", "x", {}), urn: "urn:pulumi:t::p::spot-grid:storage:Data$aws:s3/bucket:Bucket::data::mumbai::v2" };
        await evaluateStackExport(exportOf(weird), { available: [pack] });
        assert.deepStrictEqual(names, ["r:p-t", "r:default", "r:data::mumbai::v2@default", "s:p-t", "s:default", "s:data::mumbai::v2"]);
    });

    it("turns unknown values into an advisory 'can't run during preview' and records notApplicable", async () => {
        const seen: never[] = [];
        const doc = exportOf(res("aws:s3/bucket:Bucket", "u", { maybe: UNKNOWN }), res("aws:s3/bucket:Bucket", "n", { na: true }));
        const result = await evaluateStackExport(doc, { available: [probePack(seen, [])] });
        const preview = result.violations.find((v) => v.urn.endsWith("::u"));
        assert.ok(preview && preview.enforcementLevel === "advisory" && /can't run policy 'probe-resource' from policy pack 'probe@v1.0.0' during preview: .*\.maybe/.test(preview.message), JSON.stringify(result.violations));
        assert.deepStrictEqual(result.notApplicable, [{ policy: "probe-resource", pack: "probe", urn: "urn:pulumi:t::p::aws:s3/bucket:Bucket::n", reason: "not for this one" }]);
    });

    it("applies config: enforcement overrides, 'all', disabled, schema defaults and settings", async () => {
        const doc = exportOf(res("aws:s3/bucket:Bucket", "b", { bad: true }));
        const run = (config: Record<string, unknown>) => {
            const seen: { config: object }[] = [];
            return evaluateStackExport(doc, { available: [probePack(seen as never, [])], config }).then((r) => ({ r, seen }));
        };
        assert.strictEqual((await run({ "probe-resource": "advisory" })).r.violations[0].enforcementLevel, "advisory");
        assert.strictEqual((await run({ all: { enforcementLevel: "advisory" } })).r.violations[0].enforcementLevel, "advisory");
        assert.strictEqual((await run({ "probe-resource": { enforcementLevel: "disabled" } })).r.violations.length, 0);
        assert.deepStrictEqual((await run({ "probe-resource": { limit: 9 } })).seen[0].config, { limit: 9 });
        await assert.rejects(run({ "probe-resource": { limit: "x" } }), PolicyConfigError);
        await assert.rejects(run({ "probe-resource": { nope: 1 } }), PolicyConfigError);
        await assert.rejects(run({ "no-such-policy": "advisory" }), PolicyConfigError);
        await assert.rejects(run({ "probe-resource": "sometimes" }), PolicyConfigError);
    });

    it("selects packs by name or directory and rejects unknown ones", async () => {
        const doc = exportOf();
        assert.deepStrictEqual((await evaluateStackExport(doc, { packs: ["encryption"] })).packs, ["spot-grid-encryption"]);
        assert.deepStrictEqual((await evaluateStackExport(doc, { packs: ["spot-grid-least-privilege-iam"] })).packs, ["spot-grid-least-privilege-iam"]);
        await assert.rejects(evaluateStackExport(doc, { packs: ["nope"] }), /unknown pack 'nope'; use one of/);
    });

    it("judges the real packs on unknown types and a failing policy without crashing", async () => {
        const doc = exportOf(
            res("aws:iam/rolePolicy:RolePolicy", "unknown-doc", { role: "r", policy: UNKNOWN }),
            res("aws:made/up:Thing", "x", { anything: [1, { a: UNKNOWN }] }),
        );
        const result = await evaluateStackExport(doc, { packs: ["least-privilege-iam"] });
        assert.ok(result.violations.some((v) => v.urn.endsWith("::unknown-doc") && v.enforcementLevel === "advisory" && /during preview/.test(v.message)));
        assert.ok(!result.violations.some((v) => v.urn.endsWith("::x")));
        const broken: PackDefinition = { name: "b", dir: "b", version: "1.0.0", description: "", enforcementLevel: "advisory", policies: [{ name: "boom", description: "", validateResource: () => { throw new TypeError("oops"); } }] };
        const r2 = await evaluateStackExport(exportOf(res("aws:s3/bucket:Bucket", "b", {})), { available: [broken] });
        assert.deepStrictEqual(r2.violations.map((v) => [v.enforcementLevel, /failed with an error.*oops/.test(v.message)]), [["mandatory", true], ["mandatory", true], ["mandatory", true]]);
    });

    it("judges a secret's plaintext (--show-secrets) exactly as the value itself", async () => {
        const doc = (policy: unknown) => exportOf(res("aws:iam/rolePolicy:RolePolicy", "p", { role: "r", policy }));
        const wildcard = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] });
        const plain = await evaluateStackExport(doc(wildcard), { packs: ["least-privilege-iam"] });
        const shown = await evaluateStackExport(doc({ [SPECIAL_SIG_KEY]: SECRET_SIG, plaintext: JSON.stringify(wildcard) }), { packs: ["least-privilege-iam"] });
        assert.ok(plain.violations.some((v) => v.enforcementLevel === "mandatory"));
        assert.deepStrictEqual(shown.violations, plain.violations);
    });

    it("does not let a policy's own error handling swallow an unreadable secret deep in a document", async () => {
        const doc = exportOf(res("aws:iam/rolePolicy:RolePolicy", "p", { role: "r", policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: secretEnvelope("v1:eA==") }] } }));
        const result = await evaluateStackExport(doc, { packs: ["least-privilege-iam"] });
        assert.ok(result.violations.length > 0 && result.violations.every((v) => v.enforcementLevel === "advisory" && /^cannot be judged: .* reads \.policy\.Statement\.0\.Resource, /.test(v.message)), formatViolationsText(result));
    });

    it("reports a ciphertext-only secret a policy reads as one advisory per policy, resource and property, never mandatory", async () => {
        const pack: PackDefinition = {
            name: "reader",
            dir: "reader",
            version: "2.0.0",
            description: "",
            enforcementLevel: "mandatory",
            policies: [
                {
                    name: "reads-twice",
                    description: "",
                    validateResource: [
                        (args, report) => {
                            if (args.type === "aws:s3/bucket:Bucket" && args.props.flag !== true) report("flag is off");
                        },
                        (args, report) => {
                            if (args.type === "aws:s3/bucket:Bucket" && args.props.flag !== true) report("still off");
                        },
                    ],
                },
                {
                    name: "stack-reader",
                    description: "",
                    validateStack: (args, report) => {
                        for (const r of args.resources) if (r.props.flag === false) report("flag is off", r.urn);
                    },
                },
                { name: "ignores", description: "", validateResource: (args, report) => void (args.type !== "aws:s3/bucket:Bucket" || args.props.other === 1 || report("other is not 1")) },
            ],
        };
        const hidden = secretEnvelope("v1:dHJ1ZQ==");
        const a = res("aws:s3/bucket:Bucket", "a", { flag: hidden, other: 1 });
        const result = await evaluateStackExport(exportOf(a), { available: [pack] });
        assert.deepStrictEqual(
            result.violations.map((v) => [v.policy, v.urn, v.enforcementLevel]),
            [
                ["reads-twice", a.urn, "advisory"],
                ["stack-reader", a.urn, "advisory"],
            ],
            formatViolationsText(result),
        );
        for (const v of result.violations) {
            assert.match(v.message, /^cannot be judged: policy '[a-z-]+' from policy pack 'reader@v2\.0\.0' reads \.flag, a secret this export holds only as ciphertext; export the stack with 'pulumi stack export --show-secrets' and check that file$/);
        }
        assert.ok(!hasMandatoryViolations(result));
    });

    it("formats text with one block per violation (every message line indented) and a summary", () => {
        const text = formatViolationsText({ violations: [{ policy: "p", pack: "k", urn: "u", message: "description\nm", enforcementLevel: "mandatory" }] });
        assert.strictEqual(text, "[mandatory] p  u\n    description\n    m\n1 mandatory, 0 advisory violation(s).\n");
        assert.strictEqual(formatViolationsText({ violations: [] }), "No policy violations.\n");
    });
});
