/**
 * The offline engine: Pulumi's mock runtime with our AWS emulation, plus a recorder on the mock
 * monitor. The public `Mocks` callbacks never see parents, dependencies, property dependencies or
 * `protect`; the monitor's `registerResource` request does, so we wrap it and keep everything a
 * `pulumi stack export` would hold.
 */
import * as pulumi from "@pulumi/pulumi";
import { isUnknown } from "@pulumi/pulumi/output";
import { AwsEmulator, EmulatorOptions, UNKNOWN } from "./aws-emulation";
import { uuidFrom } from "./ids";

/** One registered resource, as the engine would store it. */
export interface RecordedResource {
    urn: string;
    type: string;
    name: string;
    custom: boolean;
    /** Read rather than managed (`Resource.get`, StackReference). */
    external?: boolean;
    id?: string;
    inputs: Record<string, unknown>;
    outputs: Record<string, unknown>;
    parent?: string;
    provider?: string;
    dependencies: string[];
    propertyDependencies: Record<string, string[]>;
    protect: boolean;
    retainOnDelete: boolean;
    /** Output names the program asked to keep secret (e.g. VPN pre-shared keys). */
    additionalSecretOutputs: string[];
    /** Input paths the engine leaves alone on update (`ignoreChanges`). */
    ignoreChanges?: string[];
}

export interface OfflineEngine {
    readonly emulator: AwsEmulator;
    /** Every resource registered so far, in registration (dependency) order. */
    resources(): RecordedResource[];
    /** Waits until every outstanding registration has been answered. */
    settle(): Promise<void>;
}

export interface EngineOptions extends EmulatorOptions {
    project?: string;
    /** Organization for StackReference names. @default "organization" (the self-managed backends' name) */
    organization?: string;
    /**
     * Evaluate as `pulumi preview` of a new stack would: the SDK runs as a dry run, the emulator
     * answers creates with unknown ids and computed outputs (AwsRules.previewCreate), so whatever
     * the program builds from them is unknown too, and the recorded inputs and outputs hold the
     * engine's unknown sentinel where the preview's analyzer meets an unknown. @default false
     */
    preview?: boolean;
}

/**
 * Values as the engine holds them: the mock runtime deserializes an unknown (in a dry run) to the
 * SDK's `unknown` object; the engine, its state and the analyzer carry the sentinel string. Only
 * plain objects and arrays are walked (resource references and assets stay as they are).
 */
export function withUnknownSentinels<T>(value: T): T {
    if (isUnknown(value)) return UNKNOWN as T;
    if (Array.isArray(value)) return value.map(withUnknownSentinels) as T;
    if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withUnknownSentinels(v)])) as T;
    }
    return value;
}

type Callback = (err: Error | null, resp?: any) => void;

/**
 * Installs the mock runtime for one stack and returns the recorder. Call before creating resources
 * (or requiring the program). Calling it again replaces the runtime (tests do this per suite).
 */
export async function installOfflineEngine(opts: EngineOptions): Promise<OfflineEngine> {
    const emulator = new AwsEmulator(opts);
    const preview = opts.preview ?? false;
    // Only a dry run has unknowns: elsewhere values pass as they are (no copy per resource).
    const wire: <T>(value: T) => T = preview ? withUnknownSentinels : (value) => value;
    // The emulator's rules read unknowns as the wire has them (the sentinel).
    const mocks: pulumi.runtime.Mocks = preview
        ? { newResource: (args) => emulator.newResource({ ...args, inputs: wire(args.inputs) }), call: (args) => emulator.call({ ...args, inputs: wire(args.inputs) }) }
        : emulator;
    await pulumi.runtime.setMocks(mocks, opts.project ?? "spot-grid", opts.stack, preview, opts.organization ?? "organization");
    const monitor = (pulumi.runtime as any).getMonitor();
    // URNs as the engine makes them: the qualified type is the chain of ancestor types joined by
    // `$`, without the root stack's type (top-level resources are `...::aws:s3/bucket:Bucket::name`).
    // The mock monitor keeps only the parent's last type and includes the stack's; match the engine.
    monitor.newUrn = (parent: string, type: string, name: string): string => {
        const parentType = parent ? parent.split("::")[2] : undefined;
        const qualified = parentType && parentType !== "pulumi:pulumi:Stack" ? `${parentType}$${type}` : type;
        return `urn:pulumi:${pulumi.getStack()}::${pulumi.getProject()}::${qualified}::${name}`;
    };
    const records: RecordedResource[] = [];
    const byUrn = new Map<string, RecordedResource>();

    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req: any, callback: Callback) => {
        const type: string = req.getType();
        const name: string = req.getName();
        const custom: boolean = req.getCustom();
        const rawInputs = wire(pulumi.runtime.deserializeProperties(req.getObject()));
        const propertyDependencies: Record<string, string[]> = {};
        req.getPropertydependenciesMap().forEach((deps: any, key: string) => {
            propertyDependencies[key] = deps.getUrnsList();
        });
        const record: RecordedResource = {
            urn: monitor.newUrn(req.getParent(), type, name),
            type,
            name,
            custom,
            inputs: custom && !type.startsWith("pulumi:") ? emulator.checkInputs(type, name, rawInputs) : rawInputs,
            outputs: {},
            parent: req.getParent() || undefined,
            provider: req.getProvider() || undefined,
            dependencies: req.getDependenciesList(),
            propertyDependencies,
            protect: req.getProtect() === true,
            retainOnDelete: req.getRetainondelete() === true,
            additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
            ignoreChanges: req.getIgnorechangesList(),
        };
        records.push(record);
        byUrn.set(record.urn, record);
        register(req, (err: Error | null, resp: any) => {
            if (!err && resp) {
                record.urn = resp.getUrn();
                record.id = resp.getId() || undefined;
                record.outputs = wire(pulumi.runtime.deserializeProperties(resp.getObject()));
                byUrn.set(record.urn, record);
            }
            callback(err, resp);
        });
    };

    // The engine serves its built-in resources (StackReference) through a default provider of the
    // `pulumi` package, which it records in the state before the first resource that uses it.
    let builtin: RecordedResource | undefined;
    const builtinProvider = (): string => {
        if (!builtin) {
            const urn = `urn:pulumi:${pulumi.getStack()}::${pulumi.getProject()}::pulumi:providers:pulumi::default`;
            builtin = {
                // A preview's new providers have the unknown id (deploy/providers/registry.go, Create).
                urn, type: "pulumi:providers:pulumi", name: "default", custom: true, id: preview ? undefined : uuidFrom(urn), inputs: {}, outputs: {},
                dependencies: [], propertyDependencies: {}, protect: false, retainOnDelete: false, additionalSecretOutputs: [],
            };
            records.push(builtin);
        }
        return `${builtin.urn}::${builtin.id ?? UNKNOWN}`;
    };

    // Reads (`Resource.get`, StackReference) are external resources in the engine's state.
    const read = monitor.readResource.bind(monitor);
    monitor.readResource = (req: any, callback: Callback) => {
        const type: string = req.getType();
        const name: string = req.getName();
        const record: RecordedResource = {
            urn: monitor.newUrn(req.getParent(), type, name),
            type,
            name,
            custom: true,
            external: true,
            id: req.getId(),
            inputs: wire(pulumi.runtime.deserializeProperties(req.getProperties())),
            outputs: {},
            parent: req.getParent() || undefined,
            provider: req.getProvider() || undefined,
            dependencies: req.getDependenciesList(),
            propertyDependencies: {},
            protect: false,
            retainOnDelete: false,
            additionalSecretOutputs: req.getAdditionalsecretoutputsList?.() ?? [],
        };
        if (!record.provider && type.startsWith("pulumi:pulumi:")) record.provider = builtinProvider();
        records.push(record);
        read(req, (err: Error | null, resp: any) => {
            if (!err && resp) {
                record.urn = resp.getUrn();
                record.outputs = wire(pulumi.runtime.deserializeProperties(resp.getProperties()));
            }
            callback(err, resp);
        });
    };

    const registerOutputs = monitor.registerResourceOutputs.bind(monitor);
    monitor.registerResourceOutputs = (req: any, callback: Callback) => {
        const record = byUrn.get(req.getUrn());
        if (record && req.getOutputs()) record.outputs = wire(pulumi.runtime.deserializeProperties(req.getOutputs()));
        registerOutputs(req, callback);
    };

    return {
        emulator,
        resources: () => [...records],
        settle: async () => {
            // Registrations can trigger further registrations (components, apply callbacks): drain
            // until the runtime's RPC queue stays empty.
            await (pulumi.runtime as any).waitForRPCs();
            await new Promise((r) => setImmediate(r));
            await (pulumi.runtime as any).waitForRPCs();
        },
    };
}
