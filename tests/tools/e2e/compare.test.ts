import * as assert from "assert";
import type { ExportedResource, StackExport } from "../../../policies/lib/stack-export";
import { compareExports } from "../../../tools/e2e/compare";

const SECRET = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270" };
const stackUrn = "urn:pulumi:s::spot-grid::pulumi:pulumi:Stack::spot-grid-s";
const providerUrn = "urn:pulumi:s::spot-grid::pulumi:providers:aws::p";
const vpcUrn = "urn:pulumi:s::spot-grid::aws:ec2/vpc:Vpc::v";
const sgUrn = "urn:pulumi:s::spot-grid::aws:ec2/securityGroup:SecurityGroup::sg";

function doc(resources: ExportedResource[]): StackExport {
    return { version: 3, deployment: { manifest: {}, resources } } as StackExport;
}

function offline(): StackExport {
    return doc([
        { urn: stackUrn, custom: false, type: "pulumi:pulumi:Stack", outputs: { a: 1 } },
        { urn: providerUrn, custom: true, type: "pulumi:providers:aws", id: "offline-id", inputs: { region: "ap-south-1" }, parent: stackUrn },
        { urn: vpcUrn, custom: true, type: "aws:ec2/vpc:Vpc", id: "vpc-1", inputs: { cidrBlock: "10.0.0.0/16" }, parent: stackUrn, provider: `${providerUrn}::offline-id`, protect: true },
        {
            urn: sgUrn, custom: true, type: "aws:ec2/securityGroup:SecurityGroup", id: "sg-1", parent: stackUrn, provider: `${providerUrn}::offline-id`,
            inputs: { vpcId: "vpc-1", key: { ...SECRET, ciphertext: "v1:offline" } }, dependencies: [vpcUrn, providerUrn], propertyDependencies: { vpcId: [vpcUrn] },
        },
    ]);
}

/** The same stack as the engine stores it: engine-filled fields, random provider id, sorted differently. */
function real(): StackExport {
    const d = offline();
    const filled = { created: "2026-11-29T19:44:27Z", modified: "2026-11-29T19:44:27Z", sourcePosition: "project:///infra/index.ts#1,1", stackTrace: [{}] };
    d.deployment.resources = d.deployment.resources.map((r) => ({ ...r, ...filled }));
    const [, p, v, sg] = d.deployment.resources;
    p.id = "3f1c-real-uuid";
    p.inputs = { ...p.inputs, version: "7.48.0", __internal: {} };
    v.provider = sg.provider = `${providerUrn}::3f1c-real-uuid`;
    sg.dependencies = [providerUrn, vpcUrn];
    sg.inputs = { key: { ...SECRET, plaintext: '"k"' }, vpcId: "vpc-1" };
    return d;
}

describe("e2e: real export vs offline plan", () => {
    it("finds nothing when only engine-filled fields, provider ids, dependency order, key order and secret encryption differ", () => {
        assert.deepStrictEqual(compareExports(real(), offline()), []);
    });

    const defects: [string, (r: StackExport) => void, string][] = [
        ["an input", (r) => (r.deployment.resources[2].inputs!.cidrBlock = "10.1.0.0/16"), "inputs.cidrBlock"],
        ["a secret that is plain in the plan", (r) => (r.deployment.resources[3].inputs!.key = "k"), "inputs.key"],
        ["a parent", (r) => (r.deployment.resources[2].parent = providerUrn), "parent"],
        ["a dependency", (r) => (r.deployment.resources[3].dependencies = [vpcUrn]), "dependencies"],
        ["a property dependency", (r) => (r.deployment.resources[3].propertyDependencies = { vpcId: [] }), "propertyDependencies"],
        ["protect", (r) => delete r.deployment.resources[2].protect, "protect"],
        ["retainOnDelete", (r) => (r.deployment.resources[3].retainOnDelete = true), "retainOnDelete"],
        ["an id", (r) => (r.deployment.resources[2].id = "vpc-2"), "id"],
        ["the provider", (r) => (r.deployment.resources[3].provider = "urn:pulumi:s::spot-grid::pulumi:providers:aws::other::x"), "provider"],
        ["a provider input other than version/__internal", (r) => (r.deployment.resources[1].inputs!.region = "us-east-2"), "inputs.region"],
        ["a resource only the engine has", (r) => r.deployment.resources.push({ urn: "urn:pulumi:s::spot-grid::pulumi:providers:pulumi::default", custom: true, type: "pulumi:providers:pulumi" }), "(resource)"],
        ["a resource only the plan has", (r) => r.deployment.resources.pop(), "(resource)"],
    ];
    for (const [what, change, field] of defects) {
        it(`reports ${what}`, () => {
            const r = real();
            change(r);
            const diffs = compareExports(r, offline());
            assert.strictEqual(diffs.length, 1, JSON.stringify(diffs));
            assert.strictEqual(diffs[0].field, field);
        });
    }
});
