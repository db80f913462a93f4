/**
 * Test-only harness: drives @pulumi/policy's real analyzer server for our packs over gRPC, fed the
 * way the Pulumi engine feeds it, so tests can compare its verdicts with `npm run policy:check`.
 *
 * - One child process (./host.ts) serves every pack through its own `index.ts` and
 *   @pulumi/policy's `serve()`; we talk to it with @pulumi/pulumi's generated AnalyzerClient.
 * - Configure as the engine does before a preview (pulumi/pkg engine/update.go,
 *   LoadLocalPolicyPackAnalyzers + resource/analyzer/config.go ReconcilePolicyPackConfig): every
 *   policy's schema defaults and the enforcement level GetAnalyzerInfo reports.
 * - Properties as the engine marshals them from state (./marshal): secrets with their plaintext
 *   (the engine decrypts; a test can only hand over `--show-secrets` exports).
 * - Analyze every registered resource on its inputs (reads, `external`, are not registered) and
 *   AnalyzeStack on every resource's outputs (resource/deploy/step_generator.go analyzeAll and
 *   AnalyzeResources), then file each diagnostic where the engine does: a resource policy's on the
 *   analyzed resource (analyze_snapshot.go analyzeResource), a stack policy's on its URN when that
 *   resource is in the stack, else on the root stack.
 * Identical requests get identical answers, so Analyze responses are memoized by request content:
 * a mutated copy of a plan only re-sends the resources that changed. The harness shares no code
 * with the evaluator it checks: names, URNs and marshalling follow the engine's Go sources.
 */
import { ChildProcess, spawn } from "child_process";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import type { StackExport, ExportedResource } from "../../../policies/lib/stack-export";
import { engineWire } from "./marshal";

// The generated protobuf modules (plain JS, loosely typed here on purpose).
const analyzerpb = require("@pulumi/pulumi/proto/analyzer_pb");
const analyzerrpc = require("@pulumi/pulumi/proto/analyzer_grpc_pb");
const { Struct } = require("google-protobuf/google/protobuf/struct_pb");

const ROOT = path.resolve(__dirname, "..", "..", "..");
const HOST = path.join(__dirname, "host.ts");

/**
 * @pulumi/pulumi's generated Analyzer service, except that request bytes are kept per request
 * object: the same request goes to every pack, so it is serialized once, not once per pack.
 */
const serialized = new WeakMap<object, Buffer>();
function serializedOnce(method: { requestSerialize: (req: object) => Buffer }): object {
    return {
        ...method,
        requestSerialize: (req: object) => {
            let bytes = serialized.get(req);
            if (!bytes) serialized.set(req, (bytes = method.requestSerialize(req)));
            return bytes;
        },
    };
}
const AnalyzerClient = grpc.makeGenericClientConstructor(
    { ...analyzerrpc.AnalyzerService, analyze: serializedOnce(analyzerrpc.AnalyzerService.analyze), analyzeStack: serializedOnce(analyzerrpc.AnalyzerService.analyzeStack) },
    "Analyzer",
);

/** One finding, where and how the engine would report it. */
export interface Verdict {
    pack: string;
    policy: string;
    urn: string;
    enforcementLevel: "advisory" | "mandatory";
    message: string;
}

function struct(props: Record<string, unknown> | undefined, where: string): unknown {
    return Struct.fromJavaScript(engineWire(props, where));
}

/** URN.Name(): everything after the third `::`. */
function engineName(urn: string): string {
    return urn.split("::").slice(3).join("::");
}

function rootStackUrn(resources: readonly ExportedResource[]): string {
    const [head, project] = resources[0].urn.split("::");
    return `${head}::${project}::pulumi:pulumi:Stack::${project}-${head.replace(/^urn:pulumi:/, "")}`;
}

function options(r: ExportedResource): unknown {
    const o = new analyzerpb.AnalyzerResourceOptions();
    o.setProtect(r.protect === true);
    o.setCustomtimeouts(new analyzerpb.AnalyzerResourceOptions.CustomTimeouts());
    if (r.parent) o.setParent(r.parent);
    return o;
}

function level(n: number): "advisory" | "mandatory" {
    // EnforcementLevel: ADVISORY 0, MANDATORY 1, DISABLED 2, REMEDIATE 3 (reported as mandatory).
    return n === analyzerpb.EnforcementLevel.ADVISORY ? "advisory" : "mandatory";
}

interface Described {
    setType(v: string): void;
    setUrn(v: string): void;
    setName(v: string): void;
    setProperties(v: unknown): void;
}

type Unary = (req: unknown, cb: (err: grpc.ServiceError | null, res: unknown) => void) => void;

interface Pack {
    name: string;
    client: grpc.Client;
}

function call<T>(pack: Pack, rpc: string, req: unknown): Promise<T> {
    const method = (pack.client as unknown as Record<string, Unary>)[rpc].bind(pack.client);
    return new Promise((resolve, reject) => method(req, (err, res) => (err ? reject(new Error(`${pack.name}.${rpc}: ${err.details || err.message}`)) : resolve(res as T))));
}

interface Diagnostic {
    getPolicyname(): string;
    getPolicypackname(): string;
    getMessage(): string;
    getEnforcementlevel(): number;
    getUrn(): string;
}

interface AnalyzeResponse {
    getDiagnosticsList(): Diagnostic[];
}

export class RealAnalyzer {
    /** Analyze responses by pack and request content (identical requests get identical answers). */
    private readonly analyzeMemo = new Map<string, Promise<Diagnostic[]>>();
    /** Built AnalyzerResource messages by content, so unchanged resources are not re-marshalled. */
    private readonly stackMessages = new Map<string, unknown>();
    /** Analyze and AnalyzeStack calls actually sent (for the test's report). */
    calls = 0;

    private constructor(
        private readonly child: ChildProcess,
        readonly packs: Pack[],
    ) {}
    /** Starts one child process serving the given pack directories (relative to policies/). */
    static async start(dirs: string[], timeoutMs = 60_000): Promise<RealAnalyzer> {
        const packDirs = dirs.map((d) => path.join(ROOT, "policies", d));
        const child = spawn(process.execPath, ["-r", path.join(ROOT, "tools/register.js"), HOST, ...packDirs], {
            cwd: ROOT,
            env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true", TS_NODE_PROJECT: path.join(ROOT, "tsconfig.json") },
            stdio: ["pipe", "pipe", "pipe"], // stdin: the host exits when it closes
        });
        let stderr = "";
        child.stderr!.on("data", (b) => (stderr += b));
        const ports = await new Promise<number[]>((resolve, reject) => {
            let out = "";
            const timer = setTimeout(() => fail(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
            const fail = (e: Error) => {
                clearTimeout(timer);
                child.kill();
                reject(new Error(`the analyzer host did not start: ${e.message}\n${stderr}`));
            };
            child.on("exit", (code) => fail(new Error(`exited with ${code}`)));
            child.stdout!.on("data", (b) => {
                out += b;
                const lines = out.split("\n").filter((l) => /^\d+$/.test(l.trim()));
                if (lines.length === packDirs.length) {
                    clearTimeout(timer);
                    child.removeAllListeners("exit");
                    resolve(lines.map(Number));
                }
            });
        });
        const packs: Pack[] = ports.map((port) => ({
            name: `:${port}`,
            client: new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), { "grpc.max_receive_message_length": 400 * 1024 * 1024 }),
        }));
        const analyzer = new RealAnalyzer(child, packs);
        try {
            for (const pack of packs) await analyzer.configure(pack);
        } catch (e) {
            analyzer.close();
            throw e;
        }
        return analyzer;
    }

    /** GetAnalyzerInfo, then Configure with the reconciled defaults, as the engine does. */
    private async configure(pack: Pack): Promise<void> {
        const Empty = analyzerrpc.AnalyzerService.getAnalyzerInfo.requestType;
        const info = await call<{ getName(): string; getPoliciesList(): { getName(): string; getEnforcementlevel(): number; getConfigschema(): { getProperties(): { toJavaScript(): Record<string, { default?: unknown }> } | undefined } | undefined }[] }>(
            pack,
            "getAnalyzerInfo",
            new Empty(),
        );
        pack.name = info.getName();
        const req = new analyzerpb.ConfigureAnalyzerRequest();
        for (const p of info.getPoliciesList()) {
            const defaults: Record<string, unknown> = {};
            for (const [k, schema] of Object.entries(p.getConfigschema()?.getProperties()?.toJavaScript() ?? {})) {
                if (schema && schema.default !== undefined) defaults[k] = schema.default;
            }
            const cfg = new analyzerpb.PolicyConfig();
            cfg.setEnforcementlevel(p.getEnforcementlevel());
            cfg.setProperties(Struct.fromJavaScript(defaults));
            req.getPolicyconfigMap().set(p.getName(), cfg);
        }
        await call(pack, "configure", req);
    }

    /** Every pack's verdicts on one export, as `pulumi preview --policy-pack` would report them. */
    async analyze(doc: StackExport): Promise<Verdict[]> {
        const resources = doc.deployment.resources;
        const byUrn = new Map(resources.map((r) => [r.urn, r]));
        const stackUrn = resources.find((r) => r.type === "pulumi:pulumi:Stack")?.urn ?? rootStackUrn(resources);
        const providerOf = (r: ExportedResource) => (r.provider ? byUrn.get(r.provider.slice(0, r.provider.lastIndexOf("::"))) : undefined);
        /** AnalyzeRequest, AnalyzerResource and AnalyzerProviderResource share these fields. */
        const described = <M extends Described>(m: M, r: ExportedResource, props: "inputs" | "outputs"): M => {
            m.setType(r.type);
            m.setUrn(r.urn);
            m.setName(engineName(r.urn));
            m.setProperties(struct(r[props], `${r.urn} ${props}`));
            return m;
        };
        const withProvider = <M extends Described & { setOptions(o: unknown): void; setProvider(p: unknown): void }>(m: M, r: ExportedResource, props: "inputs" | "outputs"): M => {
            described(m, r, props).setOptions(options(r));
            const p = providerOf(r);
            if (p) m.setProvider(described(new analyzerpb.AnalyzerProviderResource(), p, "inputs"));
            return m;
        };
        const verdicts: Verdict[] = [];
        const toVerdict = (d: Diagnostic, urn: string): Verdict => ({ pack: d.getPolicypackname(), policy: d.getPolicyname(), urn, enforcementLevel: level(d.getEnforcementlevel()), message: d.getMessage() });

        // Analyze: every registered resource, on its inputs.
        const analyzed = resources.filter((r) => r.external !== true);
        const analyzeRequest = (r: ExportedResource) => withProvider(new analyzerpb.AnalyzeRequest(), r, "inputs");
        const analyzeKeys = analyzed.map((r) => {
            const p = providerOf(r);
            return JSON.stringify([r.type, r.urn, r.inputs ?? {}, r.protect === true, r.parent ?? "", p ? [p.type, p.urn, p.inputs ?? {}] : null]);
        });
        const built = new Map<number, unknown>();
        const analyzeOne = (pack: Pack, i: number): Promise<Diagnostic[]> => {
            const key = `${pack.name}\0${analyzeKeys[i]}`;
            let hit = this.analyzeMemo.get(key);
            if (!hit) {
                this.calls++;
                if (!built.has(i)) built.set(i, analyzeRequest(analyzed[i]));
                hit = call<AnalyzeResponse>(pack, "analyze", built.get(i)).then((r) => r.getDiagnosticsList());
                this.analyzeMemo.set(key, hit);
            }
            return hit;
        };

        // AnalyzeStack: every resource, on its outputs, with parent and dependencies.
        const stackReq = new analyzerpb.AnalyzeStackRequest();
        stackReq.setResourcesList(
            resources.map((r) => {
                const p = providerOf(r);
                const key = JSON.stringify([r, p ? [p.type, p.urn, p.inputs ?? {}] : null]);
                let m = this.stackMessages.get(key);
                if (!m) {
                    const msg = withProvider(new analyzerpb.AnalyzerResource(), r, "outputs");
                    if (r.parent) msg.setParent(r.parent);
                    msg.setDependenciesList(r.dependencies ?? []);
                    for (const [k, urns] of Object.entries(r.propertyDependencies ?? {})) {
                        if (urns.length === 0) continue;
                        const deps = new analyzerpb.AnalyzerPropertyDependencies();
                        deps.setUrnsList(urns);
                        msg.getPropertydependenciesMap().set(k, deps);
                    }
                    this.stackMessages.set(key, (m = msg));
                }
                return m;
            }),
        );

        await Promise.all(
            this.packs.map(async (pack) => {
                const perResource = await Promise.all(analyzed.map((_, i) => analyzeOne(pack, i)));
                perResource.forEach((ds, i) => ds.forEach((d) => verdicts.push(toVerdict(d, analyzed[i].urn))));
                this.calls++;
                const stack = await call<AnalyzeResponse>(pack, "analyzeStack", stackReq);
                for (const d of stack.getDiagnosticsList()) verdicts.push(toVerdict(d, d.getUrn() && byUrn.has(d.getUrn()) ? d.getUrn() : stackUrn));
            }),
        );
        return verdicts;
    }

    close(): void {
        for (const p of this.packs) p.client.close();
        this.child.kill();
    }
}
