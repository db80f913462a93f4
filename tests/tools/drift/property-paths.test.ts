import * as assert from "assert";
import { diffValues, formatPath, parsePath, valueAt } from "../../../tools/drift/property-paths";

describe("drift property paths", () => {
    it("writes paths in Pulumi's notation and reads them back", () => {
        const cases: [Array<string | number>, string][] = [
            [["tags", "owner"], "tags.owner"],
            [["ingress", 0, "cidrBlocks", 1], "ingress[0].cidrBlocks[1]"],
            [["tags", "cost-centre"], 'tags["cost-centre"]'],
            [["tagsAll", "a.b"], 'tagsAll["a.b"]'],
        ];
        for (const [segments, text] of cases) {
            assert.strictEqual(formatPath(segments), text);
            assert.deepStrictEqual(parsePath(text), segments);
        }
    });

    it("finds values by path and gives undefined past a leaf", () => {
        const doc = { a: [{ b: "x" }] };
        assert.strictEqual(valueAt(doc, ["a", 0, "b"]), "x");
        assert.strictEqual(valueAt(doc, ["a", 0, "b", "c"]), undefined);
    });

    it("lists every differing leaf with before and after, sorted", () => {
        const before = { tags: { role: "data" }, ingress: [{ cidrBlocks: ["10.0.0.0/8"] }], keep: 1, gone: true };
        const after = { tags: { role: "data", "temp-debug": "alice" }, ingress: [{ cidrBlocks: ["0.0.0.0/0"] }], keep: 1 };
        assert.deepStrictEqual(diffValues(before, after), [
            { path: "gone", change: "delete", before: true },
            { path: "ingress[0].cidrBlocks[0]", change: "update", before: "10.0.0.0/8", after: "0.0.0.0/0" },
            { path: 'tags["temp-debug"]', change: "add", after: "alice" },
        ]);
    });

    it("finds no difference between equal documents", () => {
        assert.deepStrictEqual(diffValues({ a: [1, { b: null }] }, { a: [1, { b: null }] }), []);
    });
});
