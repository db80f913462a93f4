/**
 * Child process of tests/helpers/analyzer/real-analyzer: serves every policy pack named on the
 * command line (a directory under policies/) through @pulumi/policy's own analyzer server, the
 * way `pulumi preview --policy-pack policies/<pack>` runs a pack: its `index.ts` builds the
 * PolicyPack, whose constructor reads the version from `./package.json` and calls `serve()`, which
 * binds a gRPC server and prints its port on stdout.
 *
 * The CLI starts one process per pack because server.js keeps module state (the served pack, its
 * config) and refuses a second pack. To start one process for all four packs, each pack gets
 * fresh copies of @pulumi/policy's modules (require cache dropped), so each has its own server
 * state exactly as in its own process. proxy.js is kept: its UnknownValueError is the class our
 * policies throw and server.js tests with `instanceof`, shared as within one pack's process.
 */
import * as path from "path";

// Exit when the test process goes away (its end of our stdin closes), even if it never said so.
process.stdin.on("end", () => process.exit(0));
process.stdin.resume();

const policyDir = path.dirname(require.resolve("@pulumi/policy/package.json"));
const keep = new Set([require.resolve("@pulumi/policy/proxy")]);

for (const dir of process.argv.slice(2)) {
    for (const id of Object.keys(require.cache)) {
        if (id.startsWith(policyDir + path.sep) && !keep.has(id)) delete require.cache[id];
    }
    process.chdir(dir);
    require(path.join(dir, "index.ts"));
}
