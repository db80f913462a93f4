/**
 * Serves {@link EmulatedAwsProvider} as a Pulumi resource provider plugin over gRPC, with the
 * protocol stubs that ship in @pulumi/pulumi (proto/provider_grpc_pb).
 *
 * Why not `@pulumi/pulumi/provider`'s `main()`: its Configure drops the provider's settings (we
 * need the region and default tags), CheckConfig/DiffConfig answer "unimplemented", and its Diff
 * names no properties, so `pulumi up` and refresh could not say what changed.
 * Protocol: https://pulumi-developer-docs.readthedocs.io/latest/docs/_generated/proto/provider.html
 */
import * as grpc from "@grpc/grpc-js";
import * as emptyproto from "google-protobuf/google/protobuf/empty_pb";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import * as plugproto from "@pulumi/pulumi/proto/plugin_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import type { Props } from "./cloud";
import { awsPluginVersion, DiffResult, diffInputs, EmulatedAwsProvider, providerConfig } from "./provider";

const provrpc = require("@pulumi/pulumi/proto/provider_grpc_pb");

type Callback<T> = (err: grpc.ServiceError | null, value?: T) => void;
type Call<T> = { request: T };

function fromStruct(s: structproto.Struct | undefined): Props {
    return (s?.toJavaScript() as Props) ?? {};
}

/** Struct values cannot hold `undefined`; JSON drops it as the wire would. */
function toStruct(value: Props): structproto.Struct {
    return structproto.Struct.fromJavaScript(JSON.parse(JSON.stringify(value)));
}

function fail<T>(callback: Callback<T>, e: unknown, code = grpc.status.UNKNOWN): void {
    const message = (e as Error)?.message ?? String(e);
    callback({ code, details: message, message, name: "Error", metadata: new grpc.Metadata() } as grpc.ServiceError);
}

function handle<Req, Res>(work: (req: Req) => Res): (call: Call<Req>, callback: Callback<Res>) => void {
    return (call, callback) => {
        try {
            callback(null, work(call.request));
        } catch (e) {
            fail(callback, e);
        }
    };
}

const KIND = provproto.PropertyDiff.Kind;

function diffResponse(result: DiffResult): provproto.DiffResponse {
    const resp = new provproto.DiffResponse();
    resp.setChanges(result.changes ? provproto.DiffResponse.DiffChanges.DIFF_SOME : provproto.DiffResponse.DiffChanges.DIFF_NONE);
    resp.setReplacesList(result.replaces);
    resp.setDiffsList(result.keys);
    resp.setHasdetaileddiff(true);
    const detailed = resp.getDetaileddiffMap();
    for (const c of result.detailed) {
        const d = new provproto.PropertyDiff();
        const kind = c.kind === "add" ? (c.replace ? KIND.ADD_REPLACE : KIND.ADD) : c.kind === "delete" ? (c.replace ? KIND.DELETE_REPLACE : KIND.DELETE) : c.replace ? KIND.UPDATE_REPLACE : KIND.UPDATE;
        d.setKind(kind);
        d.setInputdiff(true);
        detailed.set(c.path, d);
    }
    return resp;
}

/** The gRPC service implementation; methods it leaves out answer UNIMPLEMENTED, which the engine tolerates. */
export function providerService(provider: EmulatedAwsProvider): grpc.UntypedServiceImplementation {
    return {
        getPluginInfo: handle(() => {
            const info = new plugproto.PluginInfo();
            info.setVersion(awsPluginVersion());
            return info;
        }),
        getSchema: handle(() => {
            const resp = new provproto.GetSchemaResponse();
            resp.setSchema(JSON.stringify({ name: "aws", version: awsPluginVersion() }));
            return resp;
        }),
        attach: handle(() => new emptyproto.Empty()),
        cancel: handle(() => new emptyproto.Empty()),
        checkConfig: handle((req: provproto.CheckRequest) => {
            const resp = new provproto.CheckResponse();
            resp.setInputs(req.getNews() ?? new structproto.Struct());
            return resp;
        }),
        diffConfig: handle((req: provproto.DiffRequest) => {
            const olds = req.hasOldInputs() ? fromStruct(req.getOldInputs()) : fromStruct(req.getOlds());
            // `version` is the engine's bookkeeping of the plugin version, not a setting.
            const { version: _v1, ...o } = olds;
            const { version: _v2, ...n } = fromStruct(req.getNews());
            return diffResponse(diffInputs("pulumi:providers:aws", o, n));
        }),
        configure: handle((req: provproto.ConfigureRequest) => {
            const variables: Record<string, string> = {};
            req.getVariablesMap().forEach((v: string, k: string) => (variables[k] = v));
            provider.configure(providerConfig(req.hasArgs() ? fromStruct(req.getArgs()) : undefined, variables));
            const resp = new provproto.ConfigureResponse();
            resp.setAcceptsecrets(true);
            resp.setAcceptresources(false);
            // Create and Update answer previews themselves, with the computed outputs unknown, as
            // pulumi-aws does (its preview is the Terraform plan); without this the engine would
            // hand back the inputs alone. sdk/go/common/resource/plugin/provider_plugin.go, Create.
            resp.setSupportspreview(true);
            return resp;
        }),
        check: handle((req: provproto.CheckRequest) => {
            const resp = new provproto.CheckResponse();
            resp.setInputs(toStruct(provider.check(req.getUrn(), fromStruct(req.getNews()))));
            return resp;
        }),
        diff: handle((req: provproto.DiffRequest) => {
            const olds = req.hasOldInputs() ? fromStruct(req.getOldInputs()) : fromStruct(req.getOlds());
            return diffResponse(provider.diff(req.getUrn(), olds, fromStruct(req.getNews()), req.getIgnorechangesList()));
        }),
        create: handle((req: provproto.CreateRequest) => {
            const resp = new provproto.CreateResponse();
            if (req.getPreview()) {
                // No id: the engine and the program see it as unknown until `up` creates the resource.
                resp.setProperties(toStruct(provider.previewCreate(req.getUrn(), fromStruct(req.getProperties()))));
                return resp;
            }
            const { id, outputs } = provider.create(req.getUrn(), fromStruct(req.getProperties()));
            resp.setId(id);
            resp.setProperties(toStruct(outputs));
            return resp;
        }),
        read: handle((req: provproto.ReadRequest) => {
            const resp = new provproto.ReadResponse();
            const found = provider.read(req.getUrn(), req.getId());
            if (!found) return resp; // no id: the resource is gone
            resp.setId(req.getId());
            resp.setProperties(toStruct(found.outputs));
            resp.setInputs(toStruct(found.inputs));
            return resp;
        }),
        update: handle((req: provproto.UpdateRequest) => {
            const resp = new provproto.UpdateResponse();
            if (req.getPreview()) {
                const oldInputs = req.hasOldInputs() ? fromStruct(req.getOldInputs()) : {};
                resp.setProperties(toStruct(provider.previewUpdate(req.getUrn(), fromStruct(req.getOlds()), oldInputs, fromStruct(req.getNews()))));
                return resp;
            }
            resp.setProperties(toStruct(provider.update(req.getUrn(), req.getId(), fromStruct(req.getNews()))));
            return resp;
        }),
        delete: handle((req: provproto.DeleteRequest) => {
            provider.delete(req.getUrn(), req.getId());
            return new emptyproto.Empty();
        }),
        invoke: handle((req: provproto.InvokeRequest) => {
            const resp = new provproto.InvokeResponse();
            resp.setReturn(toStruct(provider.invoke(req.getTok(), fromStruct(req.getArgs()))));
            return resp;
        }),
    };
}

/** Listens on a free local port; resolves with it (the plugin prints it for the engine) and a way to stop. */
export function serve(provider: EmulatedAwsProvider): Promise<{ port: number; stop: () => void }> {
    const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
    server.addService(provrpc.ResourceProviderService, providerService(provider));
    return new Promise((resolve, reject) => {
        server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, port) => (err ? reject(err) : resolve({ port, stop: () => server.forceShutdown() })));
    });
}
