// Preload for `npm run bench`: when SPOT_GRID_CPU_REPORT names a file, writes this process's CPU
// time (user + system, ms) there at exit, so the bench can show CPU next to wall time (the
// machine is shared: wall time moves with other people's load, CPU time much less).
"use strict";
const file = process.env.SPOT_GRID_CPU_REPORT;
if (file) {
    process.on("exit", () => {
        const { user, system } = process.cpuUsage();
        require("fs").writeFileSync(file, String((user + system) / 1000));
    });
}
