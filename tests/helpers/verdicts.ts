/**
 * Comparing policy verdicts (from the evaluator, `npm run policy:check` or the real analyzer) and
 * the one rule for ciphertext-only secrets: they may cost verdicts, each cost announced by a
 * "cannot be judged" advisory, and never add one.
 */
import * as assert from "assert";
import { allPacks } from "../../policies/registry";

export interface VerdictLike {
    pack?: string;
    policy: string;
    urn: string;
    enforcementLevel: string;
    message: string;
}

/** One line per verdict, sortable, with the message last. */
export function verdictKey(v: VerdictLike): string {
    return `[${v.enforcementLevel}] ${v.pack ?? "?"}/${v.policy}  ${v.urn}\n        ${v.message.replace(/\n/g, "\n        ")}`;
}

export function sortedKeys(verdicts: readonly VerdictLike[]): string[] {
    return verdicts.map(verdictKey).sort();
}

/** Lines only in `a`, and only in `b` (as multisets). */
export function difference(a: readonly VerdictLike[], b: readonly VerdictLike[]): { onlyA: string[]; onlyB: string[] } {
    const rest = sortedKeys(b);
    const onlyA: string[] = [];
    for (const k of sortedKeys(a)) {
        const i = rest.indexOf(k);
        if (i >= 0) rest.splice(i, 1);
        else onlyA.push(k);
    }
    return { onlyA, onlyB: rest };
}

/** The evaluator's advisory for a secret an export holds only as ciphertext. */
export const CANNOT_JUDGE = /^cannot be judged: policy '([^']+)' from policy pack '[^']+' reads (\.\S+?)( of '[^']+')?, a secret this export holds only as ciphertext; export the stack with 'pulumi stack export --show-secrets' and check that file$/;

const STACK_POLICIES = new Set(allPacks.flatMap((p) => p.policies).filter((p) => "validateStack" in p).map((p) => p.name));

/**
 * Asserts what a ciphertext-only export may do to the verdicts of the same export with the
 * plaintext shown: every verdict is either one the plaintext gives too or a "cannot be judged"
 * advisory; every plaintext verdict it lacks belongs to a policy that said "cannot be judged"
 * (on that resource, for a resource policy); at most one such advisory per policy, resource and
 * property. Returns the advisories.
 */
export function assertCiphertextOnlyAdvises(cipher: readonly VerdictLike[], plain: readonly VerdictLike[], what: string): VerdictLike[] {
    const { onlyA: extra, onlyB: lost } = difference(cipher, plain);
    const advisories = cipher.filter((v) => CANNOT_JUDGE.test(v.message));
    for (const v of advisories) assert.strictEqual(v.enforcementLevel, "advisory", `${what}: ${verdictKey(v)}`);
    const advisoryKeys = new Set(advisories.map(verdictKey));
    const wrong = extra.filter((k) => !advisoryKeys.has(k));
    assert.deepStrictEqual(wrong, [], `${what}: verdicts that the plaintext does not give and that are not 'cannot be judged' advisories`);
    const explained = (line: string) => {
        const [, policy, urn] = /^\[\w+\] [^/]+\/(\S+) {2}(\S+)/.exec(line) ?? [];
        return advisories.some((a) => a.policy === policy && (STACK_POLICIES.has(policy) || a.urn === urn));
    };
    assert.deepStrictEqual(lost.filter((k) => !explained(k)), [], `${what}: plaintext verdicts lost without a 'cannot be judged' advisory`);
    const once = advisories.map((a) => `${a.policy} ${a.urn} ${a.message}`);
    assert.deepStrictEqual(once.filter((k, i) => once.indexOf(k) !== i), [], `${what}: one advisory per policy, resource and property`);
    return advisories;
}
