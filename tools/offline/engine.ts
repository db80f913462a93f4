/**
 * The offline engine: Pulumi's mock runtime with our AWS emulation, plus a recorder on the mock
 * monitor. The public `Mocks` callbacks never see parents, dependencies, property dependencies or
 * `protect`; the monitor's `registerResource` request does, so we wrap it and keep everything a
 * `pulumi stack export` would hold.
 */
import * as pulumi from "@pulumi/pulumi";
import { AwsEmulator, EmulatorOptions } from "./aws-emulation";

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
    /** Evaluate as `pulumi preview` would (unknowns stay unknown). @default false */
    preview?: boolean;
}

type Callback = (err: Error | null, resp?: any) => void;

/**
 * Installs the mock runtime for one stack and returns the recorder. Call before creating resources
 * (or requiring the program). Calling it again replaces the runtime (tests do this per suite).
 */
export async function installOfflineEngine(opts: EngineOptions): Promise<OfflineEngine> {
    const emulator = new AwsEmulator(opts);
    await pulumi.runtime.setMocks(emulator, opts.project ?? "spot-grid", opts.stack, opts.preview ?? false, opts.organization ?? "organization");
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
        const rawInputs = pulumi.runtime.deserializeProperties(req.getObject());
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
            ignoreChanges: req.getIgnorechangesList?.() ?? [],
        };
        records.push(record);
        byUrn.set(record.urn, record);
        register(req, (err: Error | null, resp: any) => {
            if (!err && resp) {
                record.urn = resp.getUrn();
                record.id = resp.getId() || undefined;
                record.outputs = pulumi.runtime.deserializeProperties(resp.getObject());
                byUrn.set(record.urn, record);
            }
            callback(err, resp);
        });
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
            inputs: pulumi.runtime.deserializeProperties(req.getProperties()),
            outputs: {},
            parent: req.getParent() || undefined,
            provider: req.getProvider() || undefined,
            dependencies: req.getDependenciesList(),
            propertyDependencies: {},
            protect: false,
            retainOnDelete: false,
            additionalSecretOutputs: req.getAdditionalsecretoutputsList?.() ?? [],
        };
        records.push(record);
        read(req, (err: Error | null, resp: any) => {
            if (!err && resp) {
                record.urn = resp.getUrn();
                record.outputs = pulumi.runtime.deserializeProperties(resp.getProperties());
            }
            callback(err, resp);
        });
    };

    const registerOutputs = monitor.registerResourceOutputs.bind(monitor);
    monitor.registerResourceOutputs = (req: any, callback: Callback) => {
        const record = byUrn.get(req.getUrn());
        if (record && req.getOutputs()) record.outputs = pulumi.runtime.deserializeProperties(req.getOutputs());
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
