/**
 * docs/audit.md's control table, checked against the code: every policy, Config rule, mutation
 * case and CIS alarm it names exists, every audit policy and CIS alarm is in it, and the table's
 * Config rules are ones the stacks deploy.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { cisAlarms } from "../../components/audit/cis-alarms";
import { MANAGED_RULES } from "../../components/audit/config-rules";
import { allPacks } from "../../policies/registry";
import { MUTATIONS } from "../policies/mutation/cases";

const doc = fs.readFileSync(path.join(__dirname, "..", "..", "docs", "audit.md"), "utf8");
const controls = doc.split("## The controls")[1].split("\n## ")[0];
const rows = controls.split("\n").filter((l) => l.startsWith("| ") && !l.startsWith("| control") && !l.startsWith("|---"));
const cells = (row: string) => row.split(" | ").map((c) => c.replace(/^\| |\s*\|$/g, ""));
const ticked = (text: string) => [...text.matchAll(/`([a-z0-9-]+)`/g)].map((m) => m[1]);

describe("docs/audit.md: the control table", () => {
    const policies = new Set(allPacks.flatMap((p) => p.policies.map((x) => x.name)));
    const rules = new Set(MANAGED_RULES.map((r) => r.rule));
    const mutations = new Set(MUTATIONS.map((m) => m.id));

    it("names only Config rules the stacks deploy and pack policies that exist", () => {
        assert.ok(rows.length >= 15, `${rows.length} rows`);
        for (const row of rows) {
            const [, , , rule, policy] = cells(row);
            for (const r of ticked(rule)) assert.ok(rules.has(r), `${r} is not a rule the stacks deploy: ${row}`);
            for (const p of ticked(policy)) assert.ok(policies.has(p), `${p} is not a pack policy: ${row}`);
        }
    });
    it("cites mutation cases that exist", () => {
        const cited = [...controls.matchAll(/mutation ((?:`[a-z0-9-]+`(?:, )?)+)/g)].flatMap((m) => ticked(m[1]));
        assert.ok(cited.length >= 10, cited.join());
        for (const id of cited) assert.ok(mutations.has(id), `no mutation case ${id}`);
    });
    it("covers every audit policy and every CIS alarm", () => {
        for (const p of ["cloudtrail-multi-region", "cloudtrail-log-validation", "cloudtrail-kms", "config-records-judged-types", "s3-archive-object-lock"]) assert.ok(controls.includes(`\`${p}\``), p);
        for (const a of [...cisAlarms([]).map((x) => `cis-${x.id}`), "cis-trail-silent"]) assert.ok(doc.includes(`\`${a}\``), a);
    });
});
