import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { pack } from "../../../policies/no-public-egress/pack";

describe("no-public-egress pack", () => {
    it("has exactly these policies and enforcement levels", () => {
        assert.deepStrictEqual(
            pack.policies.map((p) => [p.name, p.enforcementLevel, "validateStack" in p ? "stack" : "resource"]),
            [
                ["no-internet-gateway", "mandatory", "resource"],
                ["no-default-route-to-internet", "mandatory", "resource"],
                ["no-default-route-to-internet-resolved", "mandatory", "stack"],
                ["sg-no-public-egress", "mandatory", "resource"],
                ["sg-no-public-ingress", "mandatory", "resource"],
                ["no-public-ip", "mandatory", "resource"],
                ["s3-no-public-access", "mandatory", "resource"],
                ["s3-no-public-access-present", "mandatory", "stack"],
                ["sqs-no-public-access", "mandatory", "resource"],
                ["endpoint-has-policy", "mandatory", "resource"],
                ["default-sg-closed", "mandatory", "resource"],
                ["default-sg-closed-present", "mandatory", "stack"],
            ],
        );
    });
    it("names match the pack directory and package.json version", () => {
        const dir = path.join(__dirname, "../../../policies/no-public-egress");
        const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
        assert.strictEqual(pack.name, "spot-grid-no-public-egress");
        assert.strictEqual(pack.dir, "no-public-egress");
        assert.strictEqual(pkg.version, pack.version);
    });
    it("every policy module's file name is its export name, the camelCase of the policy name", () => {
        const dir = path.join(__dirname, "../../../policies/no-public-egress");
        for (const p of pack.policies) {
            const camel = p.name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
            const mod = require(path.join(dir, camel));
            assert.strictEqual(mod[camel], p, `${camel}.ts should export ${camel}`);
        }
    });
});
