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
