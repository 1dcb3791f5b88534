// A module-resolution hook: `import "server-only"` (a guard for Next's client
// bundles) resolves to an empty module in the CLI, which is server code.
export async function resolve(specifier, context, next) {
  if (specifier === "server-only") return { url: "data:text/javascript,export{}", shortCircuit: true };
  return next(specifier, context);
}
