// Module resolution hooks for the server tests (registered by register.mjs).
const SHIM = new URL('./open-wc-testing.mjs', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === '@open-wc/testing') return { url: SHIM, shortCircuit: true, format: 'module' };
  return nextResolve(specifier, context);
}
