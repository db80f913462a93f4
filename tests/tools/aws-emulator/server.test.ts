import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import * as emptyproto from "google-protobuf/google/protobuf/empty_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import { CloudStore } from "../../../tools/aws-emulator/cloud";
import { installEmulatorPlugin } from "../../../tools/aws-emulator/install";
import { EmulatedAwsProvider } from "../../../tools/aws-emulator/provider";
import { serve } from "../../../tools/aws-emulator/server";
import { tempDir } from "../../helpers/temp";

const provrpc = require("@pulumi/pulumi/proto/provider_grpc_pb");

type Client = Record<string, (req: unknown, cb: (err: grpc.ServiceError | null, resp: any) => void) => void>;
const call = <T>(client: Client, method: string, req: unknown): Promise<T> =>
    new Promise((resolve, reject) => client[method].call(client, req, (err, resp) => (err ? reject(err) : resolve(resp as T))));
const struct = (v: Record<string, unknown>) => structproto.Struct.fromJavaScript(v as any);
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

describe("AWS emulator as a gRPC resource provider", function () {
    this.timeout(20000);
    let stop: () => void;
    let client: Client;
    let cloudFile: string;
    const urn = "urn:pulumi:ohio::spot-grid::aws:s3/bucketVersioning:BucketVersioning::ohio-data-versioning";

    before(async () => {
        cloudFile = path.join(tempDir("spot-grid-grpc-"), "cloud.json");
        const served = await serve(new EmulatedAwsProvider(new CloudStore(cloudFile)));
        stop = served.stop;
        client = new provrpc.ResourceProviderClient(`127.0.0.1:${served.port}`, grpc.credentials.createInsecure());
    });
    after(() => stop());

    it("reports the plugin version @pulumi/aws asks for", async () => {
        const info = await call<any>(client, "getPluginInfo", new emptyproto.Empty());
        assert.strictEqual(info.getVersion(), require("@pulumi/aws/package.json").pulumi.version);
    });

    it("configures from the provider's settings and accepts secrets", async () => {
        const req = new provproto.ConfigureRequest();
        req.setArgs(struct({ region: "us-east-2", defaultTags: '{"tags":{"stack":"ohio"}}' }));
        const resp = await call<provproto.ConfigureResponse>(client, "configure", req);
        assert.strictEqual(resp.getAcceptsecrets(), true);
        assert.strictEqual(resp.getSupportspreview(), true, "Create and Update answer previews themselves, as pulumi-aws does");
    });

    it("answers a preview's Create and Update with the computed outputs unknown, and changes nothing in the cloud", async () => {
        const queue = "urn:pulumi:ohio::spot-grid::aws:sqs/queue:Queue::ohio-jobs";
        const create = new provproto.CreateRequest();
        create.setUrn(queue);
        create.setPreview(true);
        create.setProperties(struct({ name: "ohio-jobs", redrivePolicy: UNKNOWN }));
        const created = await call<provproto.CreateResponse>(client, "create", create);
        assert.strictEqual(created.getId(), "", "no id until up creates it");
        const props = created.getProperties()!.toJavaScript() as Record<string, unknown>;
        assert.deepStrictEqual([props.arn, props.url, props.id, props.redrivePolicy, props.name], [UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, "ohio-jobs"]);
        assert.deepStrictEqual(props.tagsAll, { stack: "ohio" }, "default tags are known at plan time");

        const update = new provproto.UpdateRequest();
        update.setUrn(urn);
        update.setId("ohio-data");
        update.setPreview(true);
        update.setOlds(struct({ bucket: "ohio-data", id: "ohio-data", versioningConfiguration: { status: "Enabled" } }));
        update.setOldInputs(struct({ bucket: "ohio-data", versioningConfiguration: { status: "Enabled" } }));
        update.setNews(struct({ bucket: "ohio-data", versioningConfiguration: { status: "Suspended" } }));
        const updated = (await call<provproto.UpdateResponse>(client, "update", update)).getProperties()!.toJavaScript() as Record<string, any>;
        assert.deepStrictEqual([updated.id, updated.versioningConfiguration.status], ["ohio-data", "Suspended"], "computed outputs kept, inputs new");
        assert.deepStrictEqual(new CloudStore(cloudFile).list(), [], "a preview creates and changes nothing");
    });

    it("creates, diffs with property paths, reads and deletes over the wire", async () => {
        const create = new provproto.CreateRequest();
        create.setUrn(urn);
        create.setProperties(struct({ bucket: "ohio-data", versioningConfiguration: { status: "Enabled" } }));
        const created = await call<provproto.CreateResponse>(client, "create", create);
        assert.strictEqual(created.getId(), "ohio-data");

        const diff = new provproto.DiffRequest();
        diff.setUrn(urn);
        diff.setId("ohio-data");
        diff.setOldInputs(struct({ bucket: "ohio-data", versioningConfiguration: { status: "Enabled" } }));
        diff.setNews(struct({ bucket: "ohio-data", versioningConfiguration: { status: "Suspended" } }));
        const d = await call<provproto.DiffResponse>(client, "diff", diff);
        assert.strictEqual(d.getChanges(), provproto.DiffResponse.DiffChanges.DIFF_SOME);
        assert.deepStrictEqual(d.getDiffsList(), ["versioningConfiguration"]);
        assert.deepStrictEqual(d.getDetaileddiffMap().getEntryList().map(([k, v]: [string, any]) => [k, v[0]]), [["versioningConfiguration.status", provproto.PropertyDiff.Kind.UPDATE]]);

        const read = new provproto.ReadRequest();
        read.setUrn(urn);
        read.setId("ohio-data");
        const found = await call<provproto.ReadResponse>(client, "read", read);
        assert.strictEqual(found.getId(), "ohio-data");
        assert.strictEqual((found.getProperties()!.toJavaScript() as any).versioningConfiguration.status, "Enabled");

        const del = new provproto.DeleteRequest();
        del.setUrn(urn);
        del.setId("ohio-data");
        await call(client, "delete", del);
        const gone = await call<provproto.ReadResponse>(client, "read", read);
        assert.strictEqual(gone.getId(), "", "an empty id tells the engine the resource is gone");
    });

    it("turns a rule's refusal into a gRPC error the engine shows", async () => {
        const req = new provproto.InvokeRequest();
        req.setTok("aws:rds/getInstance:getInstance");
        req.setArgs(struct({}));
        await assert.rejects(call(client, "invoke", req), /no emulation for invoke aws:rds\/getInstance:getInstance/);
    });
});

describe("AWS emulator plugin installation", () => {
    it("installs an executable `aws` plugin at @pulumi/aws's version in the given Pulumi home only", () => {
        const home = tempDir("spot-grid-home-");
        const exe = installEmulatorPlugin(home);
        assert.strictEqual(exe, path.join(home, "plugins", `resource-aws-v${require("@pulumi/aws/package.json").pulumi.version}`, "pulumi-resource-aws"));
        assert.ok(fs.statSync(exe).mode & 0o100, "executable");
        assert.match(fs.readFileSync(exe, "utf8"), /tools\/aws-emulator\/plugin\.ts/);
    });

    it("refuses the user's own ~/.pulumi", () => {
        assert.throws(() => installEmulatorPlugin(path.join(os.homedir(), ".pulumi")), /user's Pulumi home/);
    });
});
