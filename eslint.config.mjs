// Flat config: typescript-eslint's recommended rules everywhere; Pulumi's own rules (an Output in a
// plain template literal renders as a warning string, not the value) on the code that builds resources.
// Those rules need type information, so they run only where Outputs live (infra/, components/).
import tseslint from "typescript-eslint";
import pulumi from "@pulumi/eslint-plugin";

export default tseslint.config(
    { ignores: ["node_modules/**", "bin/**", "**/node_modules/**", ".plan/**", "eslint.config.mjs"] },
    ...tseslint.configs.recommended,
    {
        rules: {
            "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
            "@typescript-eslint/no-explicit-any": "off",
            "@typescript-eslint/no-require-imports": "off",
            // The root index loads every AWS service; import per service (components/lib/aws.ts).
            "no-restricted-imports": ["error", { paths: [{ name: "@pulumi/aws", message: "import per service: components/lib/aws.ts or @pulumi/aws/<service>" }] }],
        },
    },
    {
        // Tests leave nothing in the temp directory: tempDir() removes its folders at exit.
        files: ["tests/**/*.ts"],
        ignores: ["tests/helpers/temp.ts"],
        rules: {
            "no-restricted-properties": ["error", { object: "fs", property: "mkdtempSync", message: "use tempDir() from tests/helpers/temp (removed at exit)" }],
        },
    },
    {
        files: ["infra/**/*.ts", "components/**/*.ts"],
        languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
        plugins: { "@pulumi": pulumi },
        rules: {
            "@pulumi/no-output-in-template-literal": "error",
            "@pulumi/no-output-instance-in-template-literal": "error",
        },
    },
);
