import * as assert from "assert";
import * as fc from "fast-check";
import { LinkedResource, peek, refersTo, stackIndex } from "../../../policies/lib/resource-graph";
import { UNKNOWN, unknownCheckingProxy } from "../../../policies/lib/resource-props";
import { secretEnvelope } from "../../../policies/lib/stack-export";
import { policyProps, SecretNotInExportError } from "../../../policies/lib/state-values";
import { BUCKET_KEYS } from "../../../policies/lib/s3-forms";

const TYPES = ["a", "b", "c"];
const VALUES = [undefined, null, "", "x", "y", "arn:x", UNKNOWN, 0, 1];

const resourceArb = fc.record({
    type: fc.constantFrom(...TYPES),
    link: fc.constantFrom(...VALUES),
    bucket: fc.constantFrom(...VALUES),
    id: fc.constantFrom(...VALUES),
    arn: fc.constantFrom(...VALUES),
    deps: fc.array(fc.nat(7), { maxLength: 3 }),
});

type Spec = { type: string; link: unknown; bucket: unknown; id: unknown; arn: unknown; deps: number[] };

function build(specs: Spec[]): LinkedResource[] {
    const urns = specs.map((_, i) => `u:${i}`);
    return specs.map((s, i) => ({
        urn: urns[i],
        type: s.type,
        props: { link: s.link, bucket: s.bucket, id: s.id, arn: s.arn },
        propertyDependencies: { link: s.deps.filter((d) => d < specs.length).map((d) => ({ urn: urns[d] })) },
    }));
}

describe("policies/lib/resource-graph", () => {
    it("referrers answers exactly what filtering with refersTo answers, in stack order", () => {
        fc.assert(
            fc.property(fc.array(resourceArb, { maxLength: 8 }), fc.subarray(TYPES, { minLength: 1 }), fc.boolean(), (specs, types, bucketKeys) => {
                const resources = build(specs);
                const keys = bucketKeys ? BUCKET_KEYS : undefined;
                const index = stackIndex(resources);
                for (const target of resources) {
                    const expected = resources.filter((r) => types.includes(r.type) && refersTo(r, "link", target, keys));
                    assert.deepStrictEqual(index.referrers(types, "link", target, keys), expected);
                }
            }),
        );
    });

    it("ofType keeps stack order across types and is built once per resources array", () => {
        const resources = build([
            { type: "b", link: undefined, bucket: undefined, id: undefined, arn: undefined, deps: [] },
            { type: "a", link: undefined, bucket: undefined, id: undefined, arn: undefined, deps: [] },
            { type: "b", link: undefined, bucket: undefined, id: undefined, arn: undefined, deps: [] },
        ]);
        assert.deepStrictEqual(stackIndex(resources).ofType(["a", "b"]).map((r) => r.urn), ["u:0", "u:1", "u:2"]);
        assert.deepStrictEqual(stackIndex(resources).ofType("b").map((r) => r.urn), ["u:0", "u:2"]);
        assert.strictEqual(stackIndex(resources), stackIndex(resources));
        assert.notStrictEqual(stackIndex(resources), stackIndex([...resources]));
    });

    it("never throws on the analyzer's unknown-checking proxy", () => {
        const unknowns = () => unknownCheckingProxy({ link: UNKNOWN, id: UNKNOWN, arn: UNKNOWN }) as Record<string, unknown>;
        const r: LinkedResource = { urn: "u:t", type: "a", props: unknowns() };
        const target: LinkedResource = { urn: "u:v", type: "b", props: unknowns() };
        assert.deepStrictEqual(stackIndex([r, target]).referrers(["a"], "link", target), []);
        assert.strictEqual(peek(r.props, "link"), undefined);
    });

    it("lets a ciphertext-only secret link through as an error: an unreadable link is not a missing one", () => {
        const props = policyProps({ bucket: secretEnvelope("v1:eA==") }, "u:sse");
        assert.throws(() => peek(props, "bucket"), SecretNotInExportError);
        const sse: LinkedResource = { urn: "u:sse", type: "a", props };
        const bucket: LinkedResource = { urn: "u:b", type: "b", props: { bucket: "data", id: "data" } };
        assert.throws(() => stackIndex([sse, bucket]).referrers(["a"], "bucket", bucket, ["bucket"]), SecretNotInExportError);
    });
});
