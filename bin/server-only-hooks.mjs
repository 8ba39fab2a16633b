// Module hooks for the CLIs: `server-only` throws outside Next's server bundles, so it resolves
// to an empty module here (the same alias the vitest config sets).
export async function resolve(specifier, context, nextResolve) {
  if (specifier === "server-only") return { url: "data:text/javascript,export {};", shortCircuit: true };
  return nextResolve(specifier, context);
}
