// `npm run build` (and `prepare`, so every install; the tests' global setup
// too): the templates module, then the Node bundle that `npm start` and the
// end-to-end tests run (ADR 0016).
await import("./build-templates.ts");
await import("./build-node.ts");

export {};
