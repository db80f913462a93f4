import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { MANAGED_RULES } from "../../components/audit/config-rules";
import { allPacks } from "../../policies/registry";
import { renderPolicyTable, tableInReadme, withTable, WRITE_COMMAND } from "../../tools/policy-table";

describe("tools/policy-table", () => {
    it("has one row per policy of every pack, with its enforcement level", () => {
        const table = renderPolicyTable(allPacks);
        const policies = allPacks.flatMap((p) => p.policies);
        assert.strictEqual(table.trim().split("\n").length, policies.length + 2);
        assert.ok(table.includes("| encryption | `s3-bucket-kms-encryption` | mandatory |"), table);
    });
    it("names the AWS Config rules that judge each policy's invariant in AWS, and lists every rule the stacks deploy", () => {
        const table = renderPolicyTable(allPacks);
        assert.ok(table.includes("| `s3-archive-object-lock` | mandatory |"), table);
        assert.match(table, /\| `s3-archive-object-lock` \| mandatory \| [^|]+ \| `s3-bucket-default-lock-enabled` \|/);
        assert.match(table, /\| `spot-diversified` \| mandatory \| [^|]+ \| — \|/, "a policy no managed rule mirrors says so");
        for (const r of MANAGED_RULES) assert.ok(table.includes(`\`${r.rule}\``), `${r.rule} is deployed but not in the table`);
    });
    it("replaces only the block between the markers, and appends it when absent", () => {
        const readme = "# x\n<!-- policy-table:start -->\nold\n<!-- policy-table:end -->\ntail\n";
        const updated = withTable(readme, "| new |\n");
        assert.strictEqual(updated, "# x\n<!-- policy-table:start -->\n| new |\n<!-- policy-table:end -->\ntail\n");
        assert.strictEqual(tableInReadme(updated), "| new |\n");
        assert.strictEqual(tableInReadme(withTable("# y\n", "| t |\n")), "| t |\n");
    });
    it("README.md's policy table is the generated one", () => {
        const readme = fs.readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8");
        const current = tableInReadme(readme);
        assert.ok(current !== undefined, `README.md lacks the policy-table markers; run: ${WRITE_COMMAND}`);
        assert.strictEqual(current, renderPolicyTable(allPacks), `README.md policy table is stale; run: ${WRITE_COMMAND}`);
    });
});
