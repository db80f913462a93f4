/**
 * Plain words at every level of the config: a wrong kind of value in any field, and a misspelled
 * key in any map, are reported at that field, in one line, without the validator's own wording.
 * The fields are walked from the schemas, so a field added later is covered too.
 */
import * as assert from "assert";
import { z } from "zod";
import { ConfigError, parseStackConfig } from "../../infra/config";
import { describeIssue, plainWords } from "../../infra/config/messages";
import { closest, editDistance } from "../../infra/config/suggest";
import { base } from "./config-cases";
import { configFields, dotted } from "./config-schema";

/** zod's own wording, which users must never see. */
const RAW = /expected [a-z]+, received|received undefined|Invalid (input|option|string|element)|Too (small|big):|Unrecognized key/;

/** A value of the wrong kind for the field. */
function wrongKind(s: z.ZodType): unknown {
    if (s instanceof z.ZodString || s instanceof z.ZodEnum) return 12;
    return "twelve";
}

/** Valid values for the optional maps base() leaves out, so only the field under test is wrong. */
const EXAMPLES: Record<string, unknown> = {
    "spot-grid:compute.amiLookup": { name: "trading-worker-*", owners: ["444455556666"] },
    "spot-grid:compute.amiCopy": { sourceAmiId: "ami-0a1b2c3d4e5f60718", sourceRegion: "ap-south-1" },
    "spot-grid:compute.instanceRequirements": { vcpu: { min: 8 }, memoryMiB: { min: 0 } },
    "spot-grid:compute.schedule": { desired: 5 },
    "spot-grid:operations.subscriptions[0]": { protocol: "email", endpoint: "oncall@example.com" },
};

function setAt(root: Record<string, any>, path: (string | number)[], value: unknown): void {
    let cur = root;
    path.forEach((p, i) => {
        if (i === path.length - 1) cur[p] = value;
        else {
            if (cur[p] === undefined || typeof cur[p] !== "object") {
                const example = EXAMPLES[dotted(String(path[0]), path.slice(1, i + 1))];
                cur[p] = example !== undefined ? structuredClone(example) : typeof path[i + 1] === "number" ? [] : {};
            }
            cur = cur[p];
        }
    });
}

function messageFor(mutate: (c: Record<string, any>) => void): string {
    const c = base();
    mutate(c);
    try {
        parseStackConfig("mumbai", c);
    } catch (e) {
        assert.ok(e instanceof ConfigError, String(e));
        return (e as Error).message;
    }
    return assert.fail("accepted");
}

describe("infra/config: plain words at every level", () => {
    const all = configFields();

    it("walks every field of every section (the walk itself is complete)", () => {
        const names = all.map((f) => dotted(f.key, f.path));
        for (const expected of ["spot-grid:network.vpn.routing", "spot-grid:onPrem.cidrs[0]", "spot-grid:compute.schedule.desired", "spot-grid:compute.instanceRequirements.vcpu.max", "spot-grid:storage.logRetentionDays"]) {
            assert.ok(names.includes(expected), `${expected} not walked: ${names.join(", ")}`);
        }
    });

    for (const f of all) {
        const name = dotted(f.key, f.path);
        it(`a wrong kind of value in ${name} is reported there in plain words`, () => {
            const msg = messageFor((c) => setAt(c, [f.key, ...f.path], wrongKind(f.schema)));
            assert.ok(!msg.includes("\n"), msg);
            assert.doesNotMatch(msg, RAW);
            assert.ok(msg.startsWith(`Pulumi.mumbai.yaml: ${name}: `), msg);
        });
    }

    for (const f of all.filter((x) => x.path.length > 0 && typeof x.path[x.path.length - 1] === "string")) {
        const key = String(f.path[f.path.length - 1]);
        const typo = key.length > 3 ? `${key.slice(0, -2)}${key[key.length - 1]}${key[key.length - 2]}` : `${key}x`;
        const name = dotted(f.key, [...f.path.slice(0, -1), typo]);
        it(`a misspelled key ${name} suggests ${key}`, () => {
            const msg = messageFor((c) => setAt(c, [f.key, ...f.path.slice(0, -1), typo], "x"));
            assert.strictEqual(msg, `Pulumi.mumbai.yaml: ${name}: unknown key; did you mean ${key}?`);
        });
    }

    it("reports the misspelled key, not the missing one it leaves behind", () => {
        const schema = z.object({ availabilityZones: z.number() }).strict();
        const r = schema.safeParse({ availabilityZone: 3 }, { error: plainWords });
        assert.ok(!r.success);
        assert.strictEqual(r.error.issues[0].code, "invalid_type", "zod reports the missing key first");
        assert.strictEqual(describeIssue("f.yaml", "k", r.error), "f.yaml: k.availabilityZone: unknown key; did you mean availabilityZones?");
    });

    it("counts a swap of two letters as one edit, and suggests nothing far away", () => {
        assert.strictEqual(editDistance("regoin", "region"), 1);
        assert.strictEqual(closest("aws:regoin", ["aws:region", "spot-grid:owner"]), "aws:region");
        assert.strictEqual(closest("spotPrice", ["engine", "amiId", "capacity"]), undefined);
    });
});
