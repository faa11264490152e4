// The layer rules of docs/architecture.md, checked by `npm run lint` (and so by CI).
// Type-only imports count too: a type that points up a layer is still an edge
// that runs the wrong way, and a type-only cycle still ties two files together.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-cycles",
      severity: "error",
      comment: "No import cycles, type-only ones included: each file should be readable from the ones below it.",
      from: { path: "^src/" },
      to: { circular: true },
    },
    {
      name: "domain-is-pure",
      severity: "error",
      comment:
        "Domain rules are pure: no database, no channels, no delivery, no render, no Node built-ins, nothing above.",
      from: { path: "^src/domain/" },
      to: {
        path: "^src/(db|channels|delivery|render|services|scheduler|routes|middleware|entry|app)",
      },
    },
    {
      name: "domain-no-node-builtins",
      severity: "error",
      comment: "Domain rules run anywhere and take time as an argument: no Node built-ins.",
      from: { path: "^src/domain/" },
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "channels-no-services",
      severity: "error",
      comment:
        "A channel is one medium behind one interface: it is handed what it needs (channels/types.ts), it never reaches into services, the queue or the HTTP layer.",
      from: { path: "^src/channels/" },
      to: { path: "^src/(services|scheduler|delivery|routes|middleware|entry|app)" },
    },
    {
      name: "channels-no-database",
      severity: "error",
      comment:
        "Channels never query: read models come as types (db/models.ts), data through the interfaces in channels/types.ts.",
      from: { path: "^src/channels/" },
      to: { path: "^src/db/", pathNot: "^src/db/models\\.ts$" },
    },
    {
      name: "middleware-no-routes",
      severity: "error",
      comment: "Middleware sits below the routes; shared types live in src/app-env.ts.",
      from: { path: "^src/middleware/" },
      to: { path: "^src/(routes|entry)/" },
    },
    {
      name: "routes-no-delivery-or-db",
      severity: "error",
      comment: "Routes validate and map; what they read or change goes through a service verb.",
      from: { path: "^src/routes/" },
      to: { path: "^src/(delivery|db|channels|scheduler|entry)/", pathNot: "^src/db/models\\.ts$" },
    },
    {
      name: "render-no-io",
      severity: "error",
      comment: "Views are pure functions of (data, now, config): no database queries, no services, no channels.",
      from: { path: "^src/render/" },
      to: {
        path: "^src/(db|services|scheduler|delivery|channels|routes|middleware|entry)",
        pathNot: "^src/db/models\\.ts$",
      },
    },
    {
      name: "services-not-http",
      severity: "error",
      comment:
        "Services know nothing of HTTP or of the entries; a channel's types are the only thing they may take from channels.",
      from: { path: "^src/services/" },
      to: {
        path: "^src/(routes|middleware|entry|scheduler)/|^src/channels/(?!types\\.ts$)",
      },
    },
    {
      name: "scheduler-not-http",
      severity: "error",
      comment: "Scheduled steps call service verbs; they know nothing of HTTP or of the queue's loop.",
      from: { path: "^src/scheduler/" },
      to: { path: "^src/(routes|middleware|entry|delivery/(?!queue/)|channels)" },
    },
    {
      name: "delivery-not-http",
      severity: "error",
      comment: "The queue and its loop know nothing of HTTP.",
      from: { path: "^src/delivery/" },
      to: { path: "^src/(routes|middleware|entry)/" },
    },
    {
      name: "data-at-the-bottom",
      severity: "error",
      comment: "Tables, clients and migrations import nothing above them.",
      from: { path: "^src/db/" },
      to: {
        path: "^src/(domain|services|scheduler|delivery|channels|render|routes|middleware|entry|app)",
      },
    },
    {
      name: "lib-at-the-bottom",
      severity: "error",
      comment: "src/lib holds small pure helpers that any layer may use; they use no layer.",
      from: { path: "^src/lib/" },
      to: {
        path: "^src/(db|domain|services|scheduler|delivery|channels|render|routes|middleware|entry|app)",
      },
    },
    {
      name: "cli-http-only",
      severity: "error",
      comment:
        "The candor CLI talks to a server over HTTP only (the typed client): never the database, the services or anything that runs the server; it may reuse pure rules and views (domain, render, lib) to preview what customers get.",
      from: { path: "^src/(cli/|entry/cli\\.ts$)" },
      to: {
        path: "^src/(db|services|scheduler|delivery|channels|routes|middleware|app\\.ts|app-env\\.ts|config|entry/(?!cli\\.ts$))",
      },
    },
    {
      name: "nothing-imports-the-cli",
      severity: "error",
      comment: "The CLI is a client of the server, on top: nothing in the server imports it.",
      from: { path: "^src/", pathNot: "^src/(cli/|entry/cli\\.ts$)" },
      to: { path: "^src/cli/" },
    },
    {
      name: "nothing-imports-entries",
      severity: "error",
      comment: "Entries are the top: config, the database, buildChannels, serving, signals.",
      from: { path: "^src/", pathNot: "^src/entry/" },
      to: { path: "^src/entry/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    includeOnly: "^src/",
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
