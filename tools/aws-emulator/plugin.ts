/**
 * Entry point of the `pulumi-resource-aws` plugin that the e2e sandbox installs (./install.ts):
 * the engine starts it with its own address as the last argument and reads our port from the
 * first line of output. The emulated account lives in the file named by SPOT_GRID_AWS_CLOUD.
 */
import { CLOUD_ENV, CloudStore } from "./cloud";
import { EmulatedAwsProvider } from "./provider";
import { serve } from "./server";

async function main(): Promise<void> {
    const file = process.env[CLOUD_ENV];
    if (!file) {
        process.stderr.write(`AWS emulator: ${CLOUD_ENV} is not set; this plugin serves the e2e sandbox's emulated account only (see docs/operations.md)\n`);
        process.exit(1);
    }
    const { port } = await serve(new EmulatedAwsProvider(new CloudStore(file)));
    process.stdout.write(`${port}\n`);
}

if (require.main === module) {
    main().catch((e) => {
        process.stderr.write(`AWS emulator: ${(e as Error)?.stack ?? e}\n`);
        process.exit(1);
    });
}
