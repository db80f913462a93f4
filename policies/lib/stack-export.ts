/**
 * The `pulumi stack export` document (deployment version 3): the one shape the offline plan writes
 * and the offline policy check reads, so one checker serves our plans and exports of real stacks.
 * See ../shared/formats/README.md.
 */

/** Key Pulumi uses to mark a secret value in state (`{ <sig>: SECRET_SIG, ciphertext | plaintext }`). */
export const SPECIAL_SIG_KEY = "4dabf18193072939515e22adb298388d";
/** Value under {@link SPECIAL_SIG_KEY} that marks a secret. */
/**
 * The engine's unknown value on the wire and in exported state (`plugin.UnknownStringValue` in
 * pulumi/sdk go/common/resource/plugin/rpc.go; @pulumi/pulumi's `unknownValue`): what a preview
 * holds wherever a value is only known once the resource exists.
 */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

export const SUPPORTED_DEPLOYMENT_VERSION = 3;

export interface ExportedResource {
    urn: string;
    type: string;
    custom: boolean;
    id?: string;
    inputs?: Record<string, unknown>;
    outputs?: Record<string, unknown>;
    parent?: string;
    /** `<provider urn>::<provider id>` */
    provider?: string;
    dependencies?: string[];
    propertyDependencies?: Record<string, string[]>;
    protect?: boolean;
    retainOnDelete?: boolean;
    [extra: string]: unknown;
}

export interface Deployment {
    manifest?: { time?: string; magic?: string; version?: string };
    secrets_providers?: unknown;
    resources: ExportedResource[];
    [extra: string]: unknown;
}

export interface StackExport {
    version: number;
    deployment: Deployment;
}

/** A state file the user handed us is not something we can judge. Message is one line, names the fix. */
export class StateFileError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "StateFileError";
    }
}

/** True when `value` is a Pulumi secret envelope (ciphertext or, after --show-secrets, plaintext). */
export function isSecretValue(value: unknown): value is { [SPECIAL_SIG_KEY]: string; ciphertext?: string; plaintext?: string } {
    return typeof value === "object" && value !== null && (value as Record<string, unknown>)[SPECIAL_SIG_KEY] === SECRET_SIG;
}

/** Wraps a plain value as Pulumi stores a secret whose ciphertext we do not have. */
export function secretEnvelope(ciphertext: string): Record<string, string> {
    return { [SPECIAL_SIG_KEY]: SECRET_SIG, ciphertext };
}

/**
 * Parses and validates the text of a `pulumi stack export` document.
 * @param source names the file in error messages.
 * @throws StateFileError with a one-line message when the text is not JSON, not a deployment, or of
 *   an unknown version.
 */
export function parseStackExport(text: string, source = "state file"): StackExport {
    let doc: unknown;
    try {
        doc = JSON.parse(text);
    } catch (e) {
        const reason = (e as Error).message.split("\n")[0];
        throw new StateFileError(`${source}: not valid JSON (${reason}); pass the output of 'pulumi stack export'`);
    }
    return validateStackExport(doc, source);
}

/** Validates an already-parsed export document; see {@link parseStackExport}. */
export function validateStackExport(doc: unknown, source = "state file"): StackExport {
    if (typeof doc !== "object" || doc === null || Array.isArray(doc)) {
        throw new StateFileError(`${source}: not a Pulumi deployment (expected an object with 'version' and 'deployment'); pass the output of 'pulumi stack export'`);
    }
    const d = doc as Record<string, unknown>;
    if (!("deployment" in d) || typeof d.deployment !== "object" || d.deployment === null) {
        throw new StateFileError(`${source}: not a Pulumi deployment (no 'deployment' object); pass the output of 'pulumi stack export'`);
    }
    if (d.version !== SUPPORTED_DEPLOYMENT_VERSION) {
        throw new StateFileError(
            `${source}: unsupported deployment version ${JSON.stringify(d.version)}; only version ${SUPPORTED_DEPLOYMENT_VERSION} ('pulumi stack export' from Pulumi 3.x) is supported`,
        );
    }
    const deployment = d.deployment as Record<string, unknown>;
    const resources = deployment.resources ?? [];
    if (!Array.isArray(resources)) {
        throw new StateFileError(`${source}: 'deployment.resources' must be an array`);
    }
    resources.forEach((r, i) => {
        if (typeof r !== "object" || r === null) {
            throw new StateFileError(`${source}: deployment.resources[${i}] is not an object`);
        }
        const res = r as Record<string, unknown>;
        if (typeof res.urn !== "string" || typeof res.type !== "string") {
            throw new StateFileError(`${source}: deployment.resources[${i}] lacks a string 'urn' and 'type'`);
        }
    });
    return { version: SUPPORTED_DEPLOYMENT_VERSION, deployment: { ...deployment, resources: resources as ExportedResource[] } };
}

/**
 * The resource's name: everything after the URN's third `::` (a name may itself contain `::`),
 * as the engine's URN.Name() hands it to the analyzer (pulumi/sdk go/common/resource/urn/urn.go).
 */
export function urnName(urn: string): string {
    let at = -2;
    for (let i = 0; i < 3; i++) {
        at = urn.indexOf("::", at + 2);
        if (at < 0) return urn.split("::").pop() as string; // not a full URN: its last segment
    }
    return urn.slice(at + 2);
}

/** The stack name encoded in a URN (`urn:pulumi:<stack>::<project>::...`). */
export function urnStack(urn: string): string {
    return urn.split("::")[0].replace(/^urn:pulumi:/, "");
}
