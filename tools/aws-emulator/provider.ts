/**
 * The AWS emulator as a resource provider: what the Pulumi engine asks the `aws` plugin (check,
 * diff, create, read, update, delete, invoke, and the provider's own config), answered by the
 * shared AWS rules (tools/offline/aws-emulation.ts) against the cloud file (./cloud.ts).
 *
 * Plain values in and out; ./server.ts puts it on gRPC. Values keep the engine's wire forms:
 * secrets stay `{ <sig>: <secret sig>, value }` envelopes and are stored as such (the cloud holds
 * plaintext, as AWS does); unknowns (`04da6b54-...`) only occur in previews.
 */
import { AwsRules, defaultTagsOf, replacementProperties, unwrapSecrets } from "../offline/aws-emulation";
import { diffValues, parsePath } from "../drift/property-paths";
import { CloudResource, CloudStore, Props } from "./cloud";

/** The provider version our @pulumi/aws asks the engine for. */
export function awsPluginVersion(): string {
    const pkg = require("@pulumi/aws/package.json") as { version: string; pulumi?: { version?: string } };
    return pkg.pulumi?.version ?? pkg.version;
}

/** Parts of a URN: `urn:pulumi:<stack>::<project>::<qualified type>::<name>` (names may hold `::`). */
export function parseUrn(urn: string): { stack: string; project: string; type: string; name: string } {
    const parts = urn.split("::");
    if (parts.length < 4 || !parts[0].startsWith("urn:pulumi:")) throw new Error(`not a resource URN: ${urn}`);
    const qualified = parts[2];
    return { stack: parts[0].slice("urn:pulumi:".length), project: parts[1], type: qualified.slice(qualified.lastIndexOf("$") + 1), name: parts.slice(3).join("::") };
}

export interface PropertyChange {
    /** Property path in Pulumi's notation, down to the leaf that changed (`egress[2].cidrBlocks[0]`). */
    path: string;
    kind: "add" | "delete" | "update";
    /** The change forces a replacement. */
    replace: boolean;
}

export interface DiffResult {
    changes: boolean;
    /** Top-level properties that changed. */
    keys: string[];
    /** Top-level properties whose change replaces the resource. */
    replaces: string[];
    /** Every leaf that changed, as the engine shows it (`pulumi up --diff`, refresh). */
    detailed: PropertyChange[];
}

/**
 * Compares desired inputs with the recorded ones. Secrets compare by plaintext (a re-encrypted
 * secret is no change); the engine's bookkeeping key `__defaults` is not a property.
 */
export function diffInputs(type: string, olds: Props, news: Props, ignore: readonly string[] = []): DiffResult {
    const replaceable = new Set(replacementProperties(type));
    const skip = new Set([...ignore, "__defaults"]);
    const strip = (p: Props): Props => Object.fromEntries(Object.entries(unwrapSecrets(p) as Props).filter(([k]) => !skip.has(k)));
    const leaves = diffValues(strip(olds), strip(news));
    const detailed = leaves.map((c) => ({ path: c.path, kind: c.change, replace: replaceable.has(String(parsePath(c.path)[0])) }));
    const keys = [...new Set(leaves.map((c) => String(parsePath(c.path)[0])))].sort();
    return { changes: keys.length > 0, keys, replaces: keys.filter((k) => replaceable.has(k)), detailed };
}

export interface ProviderConfig {
    region?: string;
    defaultTags: Record<string, string>;
}

/**
 * The provider's settings from Configure: explicit providers send their inputs as `args`; the
 * default provider gets the stack's `aws:*` config as `variables`.
 */
export function providerConfig(args: Props | undefined, variables: Record<string, string>): ProviderConfig {
    const region = unwrapSecrets(args?.region) ?? variables["aws:region"] ?? variables["aws:config:region"];
    const tags = args?.defaultTags ?? variables["aws:defaultTags"] ?? variables["aws:config:defaultTags"];
    return { region: typeof region === "string" && region ? region : undefined, defaultTags: defaultTagsOf(tags) };
}

export class EmulatedAwsProvider {
    private config: ProviderConfig = { defaultTags: {} };

    constructor(private readonly cloud: CloudStore, private readonly accountId?: string) {}

    configure(config: ProviderConfig): void {
        this.config = config;
    }

    private get region(): string {
        if (!this.config.region) {
            throw new Error("the AWS emulator has no region: set aws:region in the stack config or `region` on the provider");
        }
        return this.config.region;
    }

    private rules(stack: string): AwsRules {
        return new AwsRules({ stack, region: this.region, accountId: this.accountId });
    }

    check(urn: string, news: Props): Props {
        const { stack, type, name } = parseUrn(urn);
        return this.rules(stack).checkInputs(type, name, news);
    }

    diff(urn: string, oldInputs: Props, news: Props, ignoreChanges: readonly string[] = []): DiffResult {
        return diffInputs(parseUrn(urn).type, oldInputs, news, ignoreChanges);
    }

    create(urn: string, inputs: Props): { id: string; outputs: Props } {
        const { stack, type, name } = parseUrn(urn);
        const { id, outputs } = this.rules(stack).create(type, name, inputs, { defaultTags: this.config.defaultTags });
        this.cloud.create({ type, region: this.region, id, urn, inputs, outputs });
        return { id, outputs };
    }

    /**
     * Create in a preview: what the new resource would hold, id and computed outputs unknown
     * (AwsRules.previewCreate, the same answer the offline plan's preview gets). Nothing is created.
     */
    previewCreate(urn: string, inputs: Props): Props {
        const { stack, type, name } = parseUrn(urn);
        return this.rules(stack).previewCreate(type, name, inputs, { defaultTags: this.config.defaultTags });
    }

    /** Update in a preview: the new inputs over what the provider computed before. Nothing changes. */
    previewUpdate(urn: string, olds: Props, oldInputs: Props, news: Props): Props {
        const { stack, type, name } = parseUrn(urn);
        return this.rules(stack).previewUpdate(type, name, olds, oldInputs, news, { defaultTags: this.config.defaultTags });
    }

    /** What AWS holds for the resource now; undefined when it is gone. */
    read(urn: string, id: string): { inputs: Props; outputs: Props } | undefined {
        const found = this.cloud.get(this.region, parseUrn(urn).type, id);
        if (found?.readDenied) {
            // The shape of the AWS SDK's error as the provider passes it on.
            throw new Error(`reading ${found.type} (${id}): operation error: https response error StatusCode: 403, api error AccessDenied: not authorized to read this resource (a policy denies the caller)`);
        }
        return found ? { inputs: found.inputs, outputs: found.outputs } : undefined;
    }

    update(urn: string, id: string, inputs: Props): Props {
        const { stack, type, name } = parseUrn(urn);
        const { outputs } = this.rules(stack).create(type, name, inputs, { id, defaultTags: this.config.defaultTags });
        const resource: CloudResource = { type, region: this.region, id, urn, inputs, outputs };
        this.cloud.update(resource);
        return outputs;
    }

    delete(urn: string, id: string): void {
        this.cloud.delete(this.region, parseUrn(urn).type, id);
    }

    invoke(token: string, args: Props): Props {
        return this.rules("").invoke(token, args);
    }
}
