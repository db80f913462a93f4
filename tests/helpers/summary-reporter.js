// Mocha's dot reporter plus a plain closing line ("N passed, N failed, N skipped") that CI
// systems which do not parse mocha's own summary can read.
"use strict";
const Mocha = require("mocha");

class SummaryDot extends Mocha.reporters.Dot {
    constructor(runner, options) {
        super(runner, options);
        runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
            const s = this.stats;
            process.stdout.write(`${s.passes} passed, ${s.failures} failed${s.pending ? `, ${s.pending} skipped` : ""}\n`);
        });
    }
}

module.exports = SummaryDot;
