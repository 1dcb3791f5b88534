// Preloaded into the bench's servers (NODE_OPTIONS=--require): on SIGUSR2, writes the
// files this process has required so far (Turbopack loads server chunks with require)
// to $BENCH_CHUNKS_DIR/<pid>.json.
const fs = require("node:fs");
const path = require("node:path");

const dir = process.env.BENCH_CHUNKS_DIR;
if (dir) {
  process.on("SIGUSR2", () => {
    const files = Object.keys(require.cache).filter((f) => f.endsWith(".js") || f.endsWith(".cjs"));
    fs.writeFileSync(path.join(dir, `${process.pid}.json`), JSON.stringify(files));
  });
}
