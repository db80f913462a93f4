/**
 * Test-only: a resource's state properties (`pulumi stack export`) as the engine marshals them to
 * an analyzer. The engine reads state (pulumi/pkg resource/stack/deployment.go,
 * DeserializePropertyValue: a secret's plaintext is JSON of its state form) and sends it with
 * sdk go/common/resource/plugin MarshalProperties{KeepUnknowns, KeepSecrets, SkipInternalKeys}:
 * a secret as `{ <sig>: <secret sig>, value }` holding the decrypted value, a resource reference
 * (no KeepResources) as its id, else its URN, the unknown sentinel as is, top-level `__` keys
 * dropped. The engine decrypts ciphertext; a test cannot, so it must hand over plaintext.
 */
export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const SIG = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const RESOURCE_REFERENCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";

function wire(v: unknown, where: string): Json {
    if (v === null || typeof v !== "object") return v as Json;
    if (Array.isArray(v)) return v.map((x, i) => wire(x, `${where}[${i}]`));
    const o = v as Record<string, unknown>;
    switch (o[SIG]) {
        case undefined:
            return Object.fromEntries(Object.entries(o).filter(([, x]) => x !== undefined).map(([k, x]) => [k, wire(x, `${where}.${k}`)]));
        case SECRET_SIG:
            if (typeof o.plaintext !== "string") throw new Error(`${where}: the real analyzer sees secrets decrypted; hand over a --show-secrets export`);
            return { [SIG]: SECRET_SIG, value: wire(JSON.parse(o.plaintext), where) };
        case RESOURCE_REFERENCE_SIG:
            return (typeof o.id === "string" ? o.id : o.urn) as string;
        default:
            return o as Json; // assets and archives travel in their state shape
    }
}

/** The properties object the engine sends (before it becomes a protobuf Struct). */
export function engineWire(props: Record<string, unknown> | undefined, where = "properties"): Record<string, Json> {
    const top = Object.fromEntries(Object.entries(props ?? {}).filter(([k, v]) => !k.startsWith("__") && v !== undefined));
    return wire(top, where) as Record<string, Json>;
}
