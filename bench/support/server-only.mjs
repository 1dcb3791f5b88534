// The benches import server modules directly; `import "server-only"` (which
// only guards Next's client bundles) resolves here to an empty module, as the
// CLI's bundle and vitest's alias do. Loaded with `node --import`.
import { register } from "node:module";

register(
  "data:text/javascript," +
    encodeURIComponent(
      'export async function resolve(s, c, next) { return s === "server-only" ? { url: "data:text/javascript,", shortCircuit: true } : next(s, c); }',
    ),
);
