/**
 * RegionalGrid: everything one region stack runs, composed from the concept components.
 * `infra/` builds its args from validated stack config; nothing here reads `pulumi.Config`.
 */
import * as pulumi from "@pulumi/pulumi";

/** Arguments for {@link RegionalGrid}. */
export interface RegionalGridArgs {
    /** Stack (region nickname), e.g. `mumbai`. */
    readonly stack: string;
    /** AWS region code, e.g. `ap-south-1`. */
    readonly region: string;
}

export class RegionalGrid extends pulumi.ComponentResource {
    readonly region: string;

    constructor(name: string, args: RegionalGridArgs, opts?: pulumi.ComponentResourceOptions) {
        super("spot-grid:grid:RegionalGrid", name, {}, opts);
        this.region = args.region;

        this.registerOutputs({ region: this.region });
    }
}
