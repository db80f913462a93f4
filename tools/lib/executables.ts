/** Finding a command the way a shell would: the first executable file of that name on a list of folders. */
import * as fs from "fs";
import * as path from "path";

/** The folders of `env.PATH` (or `Path`, as Windows spells it), in order. */
export function pathDirs(env: NodeJS.ProcessEnv): string[] {
    return (env.PATH ?? env.Path ?? "").split(path.delimiter).filter(Boolean);
}

/** Full path of the first executable regular file named one of `names` in `dirs`, or undefined. */
export function findExecutable(names: readonly string[], dirs: readonly string[]): string | undefined {
    for (const dir of dirs) {
        for (const name of names) {
            const candidate = path.join(dir, name);
            try {
                fs.accessSync(candidate, fs.constants.X_OK);
                if (fs.statSync(candidate).isFile()) return candidate;
            } catch {
                // not here; keep looking
            }
        }
    }
    return undefined;
}
