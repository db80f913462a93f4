/**
 * `npm run check`: the type-check and the lint in one process, on one TypeScript program. It
 * reports what `npm run typecheck` (`tsc --noEmit -p .`) and `npm run lint` (`eslint .`) report,
 * but builds the program once: `eslint .` builds its own for the Pulumi rules that need types
 * (typescript-eslint's project service), which costs about as much CPU as the lint itself.
 * `npm test` runs it beside mocha.
 *
 * - Type-check: tsc's own steps (executeCommandLine's emitFilesAndReportErrors): config, syntax,
 *   options, global, then semantic diagnostics, sorted and deduplicated, on an incremental program
 *   that shares `npm run typecheck`'s build info.
 * - Lint: ESLint's API on the project's eslint.config.mjs, unchanged except that every file of the
 *   tsconfig takes its types from that program (typescript-eslint's documented `programs` parser
 *   option, which replaces `projectService`). Its result cache is its own folder, as the options differ.
 * Exit 0 clean, 1 errors found (as tsc and eslint), 2 bad arguments.
 */
import * as path from "path";
import * as ts from "typescript";
import { ESLint } from "eslint";

export const HELP = `usage: npm run check [-- --help]

Type-checks (tsc --noEmit -p .) and lints (eslint .) the project in one process, on one
TypeScript program, with the same findings as npm run typecheck and npm run lint.
Caches: node_modules/.cache/spot-grid-tsc (shared with typecheck), node_modules/.cache/spot-grid-check-eslint.
Exit codes: 0 clean, 1 type or lint errors, 2 bad arguments.
`;

export interface CheckIO {
    out: (text: string) => void;
    err: (text: string) => void;
}

export interface CheckOptions {
    /** The project folder: its tsconfig.json and eslint.config.mjs. */
    root: string;
    /** Where the caches go (tsc's build info and eslint's results). */
    cacheDir: string;
}

/** tsc's diagnostics for the project, as `tsc --noEmit -p .` finds them, and the program they came from. */
function typeCheck(root: string, cacheDir: string): { program: ts.Program; include: string[]; diagnostics: readonly ts.Diagnostic[] } {
    const configErrors: ts.Diagnostic[] = [];
    const parsed = ts.getParsedCommandLineOfConfigFile(
        path.join(root, "tsconfig.json"),
        { noEmit: true, incremental: true, tsBuildInfoFile: path.join(cacheDir, "spot-grid-tsc", "tsbuildinfo") },
        { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => configErrors.push(d) },
    );
    if (!parsed) throw new Error(ts.formatDiagnostics(configErrors, formatHost(root)));
    const include = (parsed.raw as { include?: unknown }).include;
    if (!Array.isArray(include) || include.length === 0) throw new Error(`${path.join(root, "tsconfig.json")}: check needs an 'include' list to know which files the program holds`);
    // tsc's own hosts skip JSDoc that cannot hold a type error (its defaultJSDocParsingMode); so does this one.
    const host = ts.createIncrementalCompilerHost(parsed.options);
    host.jsDocParsingMode = ts.JSDocParsingMode.ParseForTypeErrors;
    const builder = ts.createIncrementalProgram({
        rootNames: parsed.fileNames,
        options: parsed.options,
        host,
        projectReferences: parsed.projectReferences,
        configFileParsingDiagnostics: ts.getConfigFileParsingDiagnostics(parsed),
    });
    // The order tsc uses: later kinds only when the earlier ones found nothing.
    const all: ts.Diagnostic[] = [...builder.getConfigFileParsingDiagnostics()];
    const configCount = all.length;
    all.push(...builder.getSyntacticDiagnostics());
    if (all.length === configCount) {
        all.push(...builder.getOptionsDiagnostics(), ...builder.getGlobalDiagnostics());
        if (all.length === configCount) all.push(...builder.getSemanticDiagnostics());
    }
    builder.emit(); // noEmit: writes only the build info
    return { program: builder.getProgram(), include: include.map(String), diagnostics: ts.sortAndDeduplicateDiagnostics(all) };
}

function formatHost(root: string): ts.FormatDiagnosticsHost {
    return { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => "\n" };
}

/** `eslint .` with the program's types for every TypeScript file of the tsconfig (its `include`). */
async function lint(root: string, cacheDir: string, program: ts.Program, include: string[]): Promise<{ text: string; errors: number }> {
    // ESLint hashes its options into the result cache; a program is not data, so it stands as the tsconfig it came from.
    const programs = Object.assign([program], { toJSON: () => "tsconfig.json" });
    const eslint = new ESLint({
        cwd: root,
        cache: true,
        cacheLocation: path.join(cacheDir, "spot-grid-check-eslint") + path.sep,
        overrideConfig: [{ files: include, languageOptions: { parserOptions: { projectService: false, programs } } }],
    });
    const results = await eslint.lintFiles(["."]);
    const formatter = await eslint.loadFormatter("stylish");
    return { text: await formatter.format(results), errors: results.reduce((n, r) => n + r.errorCount, 0) };
}

export async function main(argv: readonly string[], io: CheckIO, options: CheckOptions): Promise<number> {
    if (argv.length > 0 && (argv[0] === "--help" || argv[0] === "-h")) {
        io.out(HELP);
        return 0;
    }
    if (argv.length > 0) {
        io.err(`check: unexpected argument ${JSON.stringify(argv[0])}; check takes no arguments (${HELP.split("\n")[0]})\n`);
        return 2;
    }
    const { program, include, diagnostics } = typeCheck(options.root, options.cacheDir);
    if (diagnostics.length > 0) io.out(ts.formatDiagnostics(diagnostics, formatHost(options.root)));
    const lintResult = await lint(options.root, options.cacheDir, program, include);
    if (lintResult.text) io.out(lintResult.text);
    const typeErrors = diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error).length;
    return typeErrors > 0 || lintResult.errors > 0 ? 1 : 0;
}

if (require.main === module) {
    const root = path.resolve(__dirname, "..");
    main(process.argv.slice(2), { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) }, { root, cacheDir: path.join(root, "node_modules", ".cache") }).then(
        (code) => (process.exitCode = code),
        (e) => {
            process.stderr.write(`check: ${e instanceof Error ? e.message : String(e)}\n`);
            process.exitCode = 3;
        },
    );
}
