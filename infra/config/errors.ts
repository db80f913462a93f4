/** A user mistake in a stack file: one line naming the file, the key and the fix. */
export class ConfigError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "ConfigError";
    }
}

/** Where a value came from, for messages: `Pulumi.mumbai.yaml: spot-grid:network.cidr`. */
export function at(file: string, key: string, path: (string | number)[] = []): string {
    const suffix = path.map((p) => (typeof p === "number" ? `[${p}]` : `.${p}`)).join("");
    return `${file}: ${key}${suffix}`;
}
