/**
 * Every module of src/core, re-exported: the entry of dist/chunks/core.js, the one module
 * that holds the core for every package entry (scripts/build.ts). Not a public entry point.
 * The build refuses to run when a module of src/core is missing here; the type check refuses
 * two modules exporting the same name (TS2308), which `export *` would otherwise let collide.
 */
export * from "./client/client-params.ts";
export * from "./client/config.ts";
export * from "./client/endpoint.ts";
export * from "./client/provider.ts";
export * from "./common/encoding.ts";
export * from "./common/errors.ts";
export * from "./common/logger.ts";
export * from "./common/node-builtin.ts";
export * from "./common/option-rules.ts";
export * from "./common/redact.ts";
export * from "./common/webcrypto.ts";
export * from "./http/exchange.ts";
export * from "./http/limiter.ts";
export * from "./http/read-body.ts";
export * from "./http/retry.ts";
export * from "./http/transport.ts";
export * from "./http/wire.ts";
export * from "./operations/call-options.ts";
export * from "./operations/fingerprint-set.ts";
export * from "./operations/operation-client.ts";
export * from "./operations/operation-table.ts";
export * from "./operations/operation-types.ts";
export * from "./operations/paginate.ts";
export * from "./operations/param-check.ts";
export * from "./operations/promised-body.ts";
export * from "./operations/rpc.ts";
export * from "./operations/service-spec.ts";
export * from "./operations/validate.ts";
export * from "./public.ts";
