// `npm run build` (and `prepare`, so every install; the tests' global setup
// too): the templates module, then the Node bundle that `npm start` and the
// end-to-end tests run (ADR 0016), and the PGlite data directory a first start copies.
await import("./build-templates.ts");
await import("./build-node.ts");
await import("./build-cli.ts");
await import("./build-pglite-template.ts");

export {};
