import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { pack } from "../../../policies/data-protection/pack";

describe("data-protection pack", () => {
    const dir = path.join(__dirname, "../../../policies/data-protection");
    it("has exactly these policies and enforcement levels", () => {
        assert.deepStrictEqual(
            pack.policies.map((p) => [p.name, p.enforcementLevel, "validateStack" in p ? "stack" : "resource"]),
            [
                ["s3-versioning", "mandatory", "stack"],
                ["s3-replicated", "mandatory", "stack"],
                ["s3-lifecycle", "mandatory", "stack"],
                ["s3-access-logging", "mandatory", "stack"],
                ["s3-notification-targets", "mandatory", "stack"],
                ["sqs-dead-letter-queue", "mandatory", "stack"],
                ["stateful-protected", "mandatory", "resource"],
                ["vpc-flow-logs", "mandatory", "stack"],
                ["imdsv2-required", "mandatory", "resource"],
                ["spot-diversified", "mandatory", "resource"],
                ["no-legacy-spot-api", "advisory", "resource"],
                ["ami-owner-pinned", "advisory", "resource"],
                ["no-secrets-in-user-data", "mandatory", "resource"],
                ["cloudtrail-multi-region", "mandatory", "resource"],
                ["cloudtrail-log-validation", "mandatory", "resource"],
                ["config-records-judged-types", "mandatory", "stack"],
                ["s3-archive-object-lock", "mandatory", "stack"],
            ],
        );
    });
    it("names match the pack directory and package.json version", () => {
        const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
        assert.strictEqual(pack.name, "spot-grid-data-protection");
        assert.strictEqual(pkg.name, pack.name);
        assert.strictEqual(pack.dir, "data-protection");
        assert.strictEqual(pkg.version, pack.version);
    });
    it("every policy module's file name is its export name, the camelCase of the policy name", () => {
        for (const p of pack.policies) {
            const camel = p.name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
            assert.strictEqual(require(path.join(dir, camel))[camel], p, `${camel}.ts should export ${camel}`);
        }
    });
});
