// Preload for `npm run bench`: when SPOT_GRID_CPU_REPORT names a file, writes this process's CPU
// time there at exit as JSON: `all` (every thread: user + system, ms) and `main` (the main
// thread alone, from /proc on Linux; `all` elsewhere). The machine is shared, so wall time moves
// with other people's load; CPU time much less. V8 compiles and collects garbage on helper
// threads, which on an idle machine run beside the main thread, so the main thread's CPU time is
// close to the wall time an idle machine would show.
"use strict";
const fs = require("fs");
const file = process.env.SPOT_GRID_CPU_REPORT;

function mainThreadMs() {
    try {
        // Fields after the command name: utime and stime are the 12th and 13th, in clock ticks (100/s on Linux).
        const fields = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, "utf8").split(") ")[1].split(" ");
        return (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
        return undefined;
    }
}

if (file) {
    process.on("exit", () => {
        const { user, system } = process.cpuUsage();
        const all = (user + system) / 1000;
        fs.writeFileSync(file, JSON.stringify({ all, main: mainThreadMs() ?? all }));
    });
}
