import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import type { ResourceValidation, ResourceValidationPolicy } from "@pulumi/policy";
import { validatedTypes } from "../../policies/lib/policy-kit";
import { allPacks } from "../../policies/registry";

const EXPECTED: Record<string, Record<string, string>> = {
    "spot-grid-encryption": {
        "s3-bucket-kms-encryption": "mandatory",
        "s3-bucket-kms-encryption-present": "mandatory",
        "s3-deny-insecure-transport": "mandatory",
        "s3-deny-insecure-transport-present": "mandatory",
        "ebs-encrypted": "mandatory",
        "kms-key-rotation": "mandatory",
        "replication-encrypted": "mandatory",
        "logs-encrypted": "mandatory",
        "cloudtrail-kms": "mandatory",
        "sqs-kms-encryption": "mandatory",
    },
    "spot-grid-least-privilege-iam": {
        "iam-no-admin": "mandatory",
        "iam-no-wildcard-actions": "mandatory",
        "iam-no-wildcard-resources": "mandatory",
        "iam-passrole-scoped": "mandatory",
        "iam-trust-scoped": "mandatory",
        "iam-trust-known-principals": "mandatory",
        "iam-no-inline-user-policies": "mandatory",
    },
};

describe("policies/registry", () => {
    for (const [packName, policies] of Object.entries(EXPECTED)) {
        it(`${packName} has exactly its policies at their enforcement levels`, () => {
            const pack = allPacks.find((p) => p.name === packName);
            assert.ok(pack, `${packName} is not registered`);
            assert.deepStrictEqual(Object.fromEntries(pack.policies.map((p) => [p.name, p.enforcementLevel])), policies);
        });
    }

    it("every resource validation names the types it judges (validateTypes), so policy:check calls it only for them", () => {
        const untyped = allPacks
            .flatMap((pack) => pack.policies)
            .filter((p): p is ResourceValidationPolicy => "validateResource" in p && !!p.validateResource)
            .flatMap((p) => ([] as ResourceValidation[]).concat(p.validateResource ?? []).filter((v) => !validatedTypes(v)).map(() => p.name));
        assert.deepStrictEqual(untyped, [], "wrap these policies' validateResource in validateTypes([...types], ...) (policies/lib/policy-kit)");
    });

    it("registers the four concerns once each, with unique policy names", () => {
        assert.deepStrictEqual(allPacks.map((p) => p.dir).sort(), ["data-protection", "encryption", "least-privilege-iam", "no-public-egress"]);
        const names = allPacks.flatMap((p) => p.policies.map((x) => x.name));
        assert.strictEqual(new Set(names).size, names.length, `duplicate policy names: ${names.join(", ")}`);
    });

    for (const pack of allPacks) {
        it(`${pack.dir}: package.json name/version match the pack, PulumiPolicy.yaml says nodejs, index.ts only builds the PolicyPack`, () => {
            const dir = path.join(__dirname, "..", "..", "policies", pack.dir);
            const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
            assert.strictEqual(pkg.version, pack.version, `${pack.dir}/package.json version must equal pack.version`);
            assert.ok(pkg.dependencies?.["@pulumi/policy"] && pkg.dependencies?.["@pulumi/pulumi"], `${pack.dir}/package.json must depend on @pulumi/policy and @pulumi/pulumi`);
            assert.match(fs.readFileSync(path.join(dir, "PulumiPolicy.yaml"), "utf8"), /^runtime: nodejs/m);
            const index = fs.readFileSync(path.join(dir, "index.ts"), "utf8");
            assert.match(index, /new PolicyPack\(pack\.name/);
            assert.ok(pack.policies.every((p) => p.description && p.enforcementLevel), `${pack.dir}: every policy needs a description and enforcement level`);
        });
    }
});
