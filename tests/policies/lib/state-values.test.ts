import * as assert from "assert";
import { UNKNOWN, UnknownValueError } from "../../../policies/lib/resource-props";
import { SECRET_SIG, SPECIAL_SIG_KEY, secretEnvelope } from "../../../policies/lib/stack-export";
import { policyProps, policyValues, SecretNotInExportError } from "../../../policies/lib/state-values";
import { engineWire } from "../../helpers/analyzer/marshal";

const URN = "urn:pulumi:mumbai::spot-grid::aws:ec2/vpnConnection:VpnConnection::onprem";
/** A secret as `pulumi stack export --show-secrets` writes it: JSON text of the value. */
const shown = (value: unknown) => ({ [SPECIAL_SIG_KEY]: SECRET_SIG, plaintext: JSON.stringify(value) });
const hidden = () => secretEnvelope("v1:c2VjcmV0");

describe("policies/lib/state-values", () => {
    it("hands over a shown secret's plaintext, whatever its type, nested secrets included", () => {
        const state = {
            s: shown("alias/aws/logs"),
            b: shown(true),
            n: shown(3),
            doc: shown({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*" }] }),
            list: [shown("a"), "b"],
            deep: shown({ inner: shown("x") }),
        };
        assert.deepStrictEqual(policyValues(state, URN), {
            s: "alias/aws/logs",
            b: true,
            n: 3,
            doc: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*" }] },
            list: ["a", "b"],
            deep: { inner: "x" },
        });
    });

    it("gives policies exactly what @pulumi/policy's own deserializer gives them for what the engine sends", () => {
        // deserialize.js is the analyzer's code path (server.js: deserializeProperties(req.getProperties(), false)).
        const { deserializeProperties } = require("@pulumi/policy/deserialize") as { deserializeProperties: (s: { toJavaScript(): unknown }, proxySecrets: boolean) => unknown };
        const state = {
            bucket: "b",
            flags: { blockPublicAcls: shown(true), count: 2, none: null },
            policy: shown(JSON.stringify({ Statement: [] })),
            refs: [{ [SPECIAL_SIG_KEY]: "5cf8f73096256a8f31e491e813e4eb8e", urn: "urn:pulumi:s::p::aws:s3/bucket:Bucket::b", id: "b-123" }],
            nested: shown({ list: [1, shown("two"), { three: shown(null) }] }),
            unknown: UNKNOWN,
            __defaults: ["bucket"],
        };
        const analyzer = deserializeProperties({ toJavaScript: () => structuredClone(engineWire(state)) }, false);
        assert.deepStrictEqual(policyValues(state, URN), analyzer);
    });

    it("drops top-level internal keys only", () => {
        assert.deepStrictEqual(policyValues({ __defaults: [], a: { __inner: 1 } }, URN), { a: { __inner: 1 } });
        assert.deepStrictEqual(policyValues({ __defaults: [], a: shown({ __inner: 1 }) }, URN), { a: { __inner: 1 } });
    });

    it("turns a ciphertext-only secret into a slot that throws SecretNotInExportError naming the resource and property", () => {
        const props = policyProps({ id: "vpn-1", tunnel1PresharedKey: hidden(), options: [{ psk: hidden() }] }, URN);
        assert.strictEqual(props.id, "vpn-1");
        assert.ok("tunnel1PresharedKey" in props, "a secret's presence is not hidden");
        assert.deepStrictEqual(Object.keys(props), ["id", "tunnel1PresharedKey", "options"]);
        assert.throws(
            () => props.tunnel1PresharedKey,
            (e: unknown) => e instanceof SecretNotInExportError && e.urn === URN && e.path.join(".") === "tunnel1PresharedKey" && /\.tunnel1PresharedKey is a secret .* only as ciphertext/.test(e.message),
        );
        const first = (props.options as Record<string, unknown>[])[0];
        assert.throws(() => first.psk, (e: unknown) => e instanceof SecretNotInExportError && e.path.join(".") === "options.0.psk");
        // Any whole-value read (serializing, copying) reads the secret too.
        assert.throws(() => JSON.stringify(props), SecretNotInExportError);
        assert.throws(() => ({ ...props }), SecretNotInExportError);
    });

    it("keeps the analyzer's unknown-value behaviour next to guarded secrets", () => {
        const props = policyProps({ a: UNKNOWN, s: hidden(), k: "known" }, URN);
        assert.strictEqual(props.k, "known");
        assert.throws(() => props.a, UnknownValueError);
        assert.throws(() => props.s, SecretNotInExportError);
    });

    it("treats a plaintext that is not JSON as unreadable, never as a value", () => {
        const props = policyProps({ s: { [SPECIAL_SIG_KEY]: SECRET_SIG, plaintext: "not json" } }, URN);
        assert.throws(() => props.s, SecretNotInExportError);
    });

    it("leaves documents without special values as they are (no deep copy)", () => {
        const tags = { role: "data" };
        assert.strictEqual(policyValues({ tags }, URN).tags, tags);
    });

    it("wraps props in the analyzer's proxy exactly when reading one could meet an unknown or a secret", () => {
        const isProxied = (props: Record<string, unknown>) => (props as Record<string, unknown>)["__isSpecialProxy"] === true;
        const plain = policyProps({ tags: { role: "data" }, rules: [{ days: 30 }] }, URN);
        assert.ok(!isProxied(plain), "props with nothing unknown are handed over plain");
        assert.deepStrictEqual(plain, { tags: { role: "data" }, rules: [{ days: 30 }] });

        const nested = policyProps({ tags: { role: "data" }, rules: [{ days: UNKNOWN }] }, URN);
        assert.ok(isProxied(nested));
        assert.throws(() => (nested.rules as { days: unknown }[])[0].days, UnknownValueError);
        assert.ok(isProxied(policyProps({ s: shown({ a: UNKNOWN }) }, URN)), "a secret's plaintext may hold an unknown");
    });
});
