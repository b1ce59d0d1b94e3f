/** @type {import('@remix-run/dev').AppConfig} */
export default {
  // Beside the routes, modules they share that are not routes themselves: *.server.ts.
  ignoredRouteFiles: ["**/.*", "**/*.test.*", "**/*.server.*"],
  serverModuleFormat: "esm",
  serverPlatform: "node",
  // The Prisma client is generated into app/generated and bundled with the server; its
  // runtime stays in node_modules.
  serverDependenciesToBundle: [],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
  },
};
