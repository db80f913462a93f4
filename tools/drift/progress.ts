/** Progress per stack: a live status line on a terminal, plain lines in CI and in logs. */
import type { EngineEvent } from "@pulumi/pulumi/automation";
import type { StackDrift } from "./classify";
import { differenceLine } from "./report";
import type { ProgressSink } from "./run";

export interface Output {
    write(text: string): unknown;
    isTTY?: boolean;
}

/** A terminal gets the live display unless CI says otherwise (CI logs do not render `\r`). */
export function wantsLiveDisplay(out: Output, env: NodeJS.ProcessEnv): boolean {
    return out.isTTY === true && !env.CI;
}

export function verdictLine(r: StackDrift): string {
    if (r.status === "failed") return `${r.stack}: could not be checked: ${r.errors[0] ?? "unknown error"}`;
    if (r.status === "drift") return `${r.stack}: drift: ${differenceLine(r)} in ${r.resourcesChecked} resources`;
    return `${r.stack}: clean (${r.resourcesChecked} resources)`;
}

export class PlainProgress implements ProgressSink {
    constructor(private readonly out: Output) {}
    start(stack: string, index: number, total: number): void {
        this.out.write(`drift: ${stack}: checking (${index + 1}/${total})\n`);
    }
    event(): void {
        // Per-resource lines would drown a CI log; the verdict line says what matters.
    }
    finish(r: StackDrift): void {
        this.out.write(`drift: ${verdictLine(r)}\n`);
    }
}

const CLEAR_LINE = "\r\u001b[2K";
const MARK = { clean: "✔", drift: "✖", failed: "!" } as const;

export class LiveProgress implements ProgressSink {
    private seen = new Set<string>();
    private position = "";
    constructor(private readonly out: Output) {}
    start(stack: string, index: number, total: number): void {
        this.seen.clear();
        this.position = `[${index + 1}/${total}]`;
        this.out.write(`${CLEAR_LINE}… ${stack} ${this.position} refreshing`);
    }
    event(stack: string, event: EngineEvent): void {
        const urn = event.resOutputsEvent?.metadata.urn ?? event.resourcePreEvent?.metadata.urn;
        if (!urn || this.seen.has(urn)) return;
        this.seen.add(urn);
        this.out.write(`${CLEAR_LINE}… ${stack} ${this.position} refreshing: ${this.seen.size} resources`);
    }
    finish(r: StackDrift): void {
        this.out.write(`${CLEAR_LINE}${MARK[r.status]} ${verdictLine(r)}\n`);
    }
}
