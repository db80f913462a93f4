/**
 * `npm run check` (tools/check.ts): the type-check and the lint on one program find exactly what
 * `tsc --noEmit` and `eslint .` find: on a small project with a type error, an Output in a template
 * literal (a typed Pulumi rule) and an unused variable (an untyped rule), it prints tsc's line for
 * the error and exactly the findings of ESLint run with the project's own config (project service).
 * The project lives under node_modules/.cache so that its eslint.config.mjs resolves the
 * repository's packages, and outside tsconfig's and eslint's reach.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { ESLint } from "eslint";
import { main } from "../../tools/check";
import { assertExit, commandLine } from "../helpers/cli";

const REPO = path.resolve(__dirname, "..", "..");

const FILES: Record<string, string> = {
    "tsconfig.json": JSON.stringify({ compilerOptions: { target: "ES2022", lib: ["ES2022"], module: "commonjs", moduleResolution: "node", strict: true, noEmit: true, skipLibCheck: true, types: [] }, include: ["src/**/*.ts"] }),
    "eslint.config.mjs": [
        `import tseslint from "typescript-eslint";`,
        `import pulumi from "@pulumi/eslint-plugin";`,
        `export default tseslint.config(`,
        `    { ignores: ["cache/**", "eslint.config.mjs"] },`,
        `    ...tseslint.configs.recommended,`,
        `    {`,
        `        files: ["src/typed/**/*.ts"],`,
        `        languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },`,
        `        plugins: { "@pulumi": pulumi },`,
        `        rules: { "@pulumi/no-output-in-template-literal": "error" },`,
        `    },`,
        `);`,
        ``,
    ].join("\n"),
    // An Output as @pulumi/pulumi declares it (a type alias named Output over an intersection), written
    // out so that the two programs this test builds (check's and ESLint's) stay a few files each.
    "src/typed/output.ts": [
        `interface OutputInstance<T> { apply<U>(f: (t: T) => U): Output<U> }`,
        `export type Output<T> = OutputInstance<T> & { readonly lifted?: T };`,
        `export declare const bucket: Output<string>;`,
        "export const arn = `arn:aws:s3:::${bucket}`;",
        ``,
    ].join("\n"),
    "src/plain/types.ts": [`export const count: number = "three";`, ``].join("\n"),
    "src/plain/unused.ts": [`export function f(): number {`, `    const unused = 1;`, `    return 2;`, `}`, ``].join("\n"),
};

type Finding = string;

describe("npm run check: type-check and lint on one program", function () {
    this.timeout(120_000);
    const dir = path.join(REPO, "node_modules", ".cache", `spot-grid-check-test-${process.pid}`);

    before(() => {
        for (const [file, text] of Object.entries(FILES)) {
            fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
            fs.writeFileSync(path.join(dir, file), text);
        }
    });

    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    async function run(argv: string[]) {
        let stdout = "";
        let stderr = "";
        const code = await main(argv, { out: (t) => (stdout += t), err: (t) => (stderr += t) }, { root: dir, cacheDir: path.join(dir, "cache") });
        return { command: commandLine("check", argv), code, stdout, stderr };
    }

    it("--help prints the usage; an argument is refused in one line with exit 2", async () => {
        const help = await run(["--help"]);
        assertExit(help, 0);
        assert.match(help.stdout, /^usage: npm run check/);
        const bad = await run(["--fix"]);
        assertExit(bad, 2);
        assert.strictEqual(bad.stdout, "");
        assert.match(bad.stderr, /^check: unexpected argument "--fix"; check takes no arguments [^\n]*\n$/);
    });

    it("finds the type error, the typed Pulumi rule's finding and the untyped rule's, as tsc and eslint do, and exits 1", async () => {
        const r = await run([]);
        assertExit(r, 1);

        // tsc --noEmit's line for the type error (file(line,col): error TSnnnn: message).
        assert.match(r.stdout, /^src\/plain\/types\.ts\(1,14\): error TS2322: Type 'string' is not assignable to type 'number'\.$/m);

        // eslint .: the same findings as ESLint with the project's config alone (its project service).
        const results = await new ESLint({ cwd: dir }).lintFiles(["."]);
        const expectedLint: Finding[] = results.flatMap((res) => res.messages.map((m) => `${path.relative(dir, res.filePath)}:${m.line}:${m.column} ${m.ruleId}`)).sort();
        assert.deepStrictEqual(expectedLint, ["src/plain/unused.ts:2:11 @typescript-eslint/no-unused-vars", "src/typed/output.ts:4:20 @pulumi/no-output-in-template-literal"]);
        const reported: Finding[] = [];
        let file = "";
        for (const line of r.stdout.split("\n")) {
            if (line.startsWith(dir)) file = path.relative(dir, line.trim());
            const m = /^\s+(\d+):(\d+)\s+error\s+.*\s(\S+)$/.exec(line);
            if (m) reported.push(`${file}:${m[1]}:${m[2]} ${m[3]}`);
        }
        assert.deepStrictEqual(reported.sort(), expectedLint);
    });
});
