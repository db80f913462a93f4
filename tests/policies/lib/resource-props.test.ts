import * as assert from "assert";
import { asList, isUnknownValue, known, prop, UNKNOWN, unjudgeableReason, UnknownValueError, unknownCheckingProxy } from "../../../policies/lib/resource-props";

describe("policies/lib/resource-props", () => {
    it("recognizes the unknown sentinel, deep when asked", () => {
        assert.ok(isUnknownValue(UNKNOWN));
        assert.ok(!isUnknownValue("arn:aws:kms:ap-south-1:1:key/x"));
        assert.strictEqual(unjudgeableReason("arn:aws:kms:ap-south-1:1:key/x"), undefined);
        assert.strictEqual(unjudgeableReason({ a: [UNKNOWN] }), undefined);
        assert.strictEqual(unjudgeableReason({ a: [UNKNOWN] }, true), "unknown");
    });

    it("known() throws the analyzer's own UnknownValueError with the path", () => {
        assert.throws(() => known(UNKNOWN, ["rules", "0", "kmsMasterKeyId"]), (e: Error) => e instanceof UnknownValueError && /\.rules\.0\.kmsMasterKeyId/.test(e.message));
        assert.strictEqual(known("x", ["a"]), "x");
    });

    it("prop() walks objects and arrays, throws on unknown, tolerates wrong shapes", () => {
        const props = { rules: [{ kms: "k" }], s: "a string", u: UNKNOWN };
        assert.strictEqual(prop(props, "rules", "0", "kms"), "k");
        assert.strictEqual(prop(props, "s", "anything"), undefined);
        assert.strictEqual(prop(props, "missing", "deeper"), undefined);
        assert.throws(() => prop(props, "u"), UnknownValueError);
    });

    it("the analyzer's proxy throws the same error class on access", () => {
        const proxied = unknownCheckingProxy({ a: { b: UNKNOWN } });
        assert.throws(() => proxied.a.b, UnknownValueError);
    });

    it("asList wraps single values and refuses unknown lists", () => {
        assert.deepStrictEqual(asList({ a: 1 }), [{ a: 1 }]);
        assert.deepStrictEqual(asList(undefined), []);
        assert.throws(() => asList(UNKNOWN, ["rules"]), UnknownValueError);
    });
});
