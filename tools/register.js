// Runs the project's TypeScript in Node: `node -r ./tools/register.js tools/plan.ts` (the npm
// scripts and mocha do this). sucrase strips the types (no type-check: `npm test` runs tsc) and
// keeps every line where it was, so stack traces point at the .ts lines without source maps
// (which would make the Pulumi SDK's per-resource `new Error().stack` slow). Each file's output is
// cached by its content in node_modules/.cache/spot-grid-ts, so unchanged files are not
// transpiled again; delete that folder to start over.
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");
const { addHook } = require("pirates");

// disableESTransforms: Node 20 runs ES2022 as it is (optional chaining, class fields, as tsc
// targets); sucrase's down-levelled forms allocate on every `?.`.
const OPTIONS = { transforms: ["typescript", "imports"], disableESTransforms: true };
const CACHE = path.join(__dirname, "..", "node_modules", ".cache", "spot-grid-ts");
const SALT = `${require("sucrase/package.json").version}:${JSON.stringify(OPTIONS)}`;

function compile(code, filePath) {
    const key = crypto.createHash("sha1").update(SALT).update("\0").update(filePath).update("\0").update(code).digest("hex");
    const cached = path.join(CACHE, `${key}.js`);
    try {
        return fs.readFileSync(cached, "utf8");
    } catch {
        // not cached yet
    }
    const out = require("sucrase").transform(code, { ...OPTIONS, filePath }).code; // loaded on a miss only
    try {
        fs.mkdirSync(CACHE, { recursive: true });
        const tmp = `${cached}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, out);
        fs.renameSync(tmp, cached); // atomic: parallel processes never read half a file
    } catch {
        // a read-only tree still runs, just without the cache
    }
    return out;
}

addHook(compile, { exts: [".ts"] });
