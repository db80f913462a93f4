/**
 * The spot-grid program: validated stack config -> one RegionalGrid -> stack outputs.
 * Thin on purpose: all planning lives in components/ and infra/config/.
 */
import * as aws from "@pulumi/aws";
import { RegionalGrid } from "../components/grid";
import { standardTags } from "../components/lib/tags";
import { PROJECT } from "./config";
import { readStackConfig } from "./program-config";

const config = readStackConfig();

/**
 * One explicit provider per stack carries the region and the default tags, so every resource is
 * tagged for cost and ownership reports and the tags are visible to policies and plans.
 */
const provider = new aws.Provider(`aws-${config.region}`, {
    region: config.region as aws.Region,
    defaultTags: {
        tags: standardTags({
            project: PROJECT,
            stack: config.stack,
            region: config.region,
            owner: config.owner,
            costCentre: config.costCentre,
        }),
    },
});

const grid = new RegionalGrid(config.stack, { stack: config.stack, region: config.region }, { providers: { aws: provider } });

export const region = grid.region;
