/**
 * The layering of the TypeScript side ("one layered house", issue 24), enforced by `npm run lint`.
 *
 *   1 kernel      src/chain/
 *   2 primitives  src/safe/
 *   3 domains     src/stablecoin, src/attestation, src/assets, src/guard, src/market, src/sanctions
 *   4 workflows   src/custody < src/deploy < src/report < src/mainjob, src/watch (beside the main job, right of
 *                 the report)
 *   5 commands    scripts/**, tools/** (developer tooling), hardhat.config.ts
 *
 * A layer imports only from the layers below it; a workflow imports only workflows to its left; a domain may
 * import another domain as long as no cycle forms. Tests (test/**) are free.
 * Type-only imports count too (tsPreCompilationDeps): a type is as much a dependency as a value, and a type
 * pulled from an upper layer is how an upward value import starts.
 *
 * test/foundation/layering.test.ts plants a violation of each rule and checks that the cruise reports it.
 */
const KERNEL = "^src/chain/";
const PRIMITIVES = "^src/safe/";
const DOMAINS = "^src/(stablecoin|attestation|assets|guard|market|sanctions)/";
const WORKFLOWS = "^src/(custody|deploy|report|mainjob|watch)/";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment:
        "A cycle means two modules are one module in two files: neither can be understood, tested or moved " +
        "without the other. This is also what keeps domain -> domain imports (market -> assets) one-way.",
      from: {},
      to: { circular: true },
    },
    {
      name: "kernel-imports-only-kernel",
      severity: "error",
      comment:
        "src/chain is the kernel every other layer stands on: it imports nothing from src/ outside " +
        "src/chain, or the whole library would be pulled in by anything that needs an error class or a schema.",
      from: { path: KERNEL },
      to: { path: "^src/", pathNot: KERNEL },
    },
    {
      name: "primitives-not-up",
      severity: "error",
      comment:
        "src/safe holds the Safe primitives (hashes, signatures, MultiSend); the domains and workflows " +
        "build on them. A primitive that needs a domain gets it passed in (see SafeGuardCheck), not imported.",
      from: { path: PRIMITIVES },
      to: { path: "^src/", pathNot: `${KERNEL}|${PRIMITIVES}` },
    },
    {
      name: "domains-not-up-to-workflows",
      severity: "error",
      comment:
        "A domain (stablecoin, attestation, assets, guard, market) knows its contracts and records, not the " +
        "workflows that combine domains; a workflow contributes its needs to a domain through a parameter.",
      from: { path: DOMAINS },
      to: { path: WORKFLOWS },
    },
    {
      name: "custody-not-right",
      severity: "error",
      comment:
        "Workflows are ordered custody < deploy < report < mainjob: custody (propose/sign/execute) is used by " +
        "deployment, reporting and the main job, and must not depend on any of them.",
      from: { path: "^src/custody/" },
      to: { path: "^src/(deploy|report|mainjob|watch)/" },
    },
    {
      name: "deploy-not-right",
      severity: "error",
      comment:
        "Deployment may use custody, but the report and the main job consume deployments: deploy must not " +
        "depend on them.",
      from: { path: "^src/deploy/" },
      to: { path: "^src/(report|mainjob|watch)/" },
    },
    {
      name: "report-not-right",
      severity: "error",
      comment: "The main job renders reports; the report must not depend on the main job that drives it.",
      from: { path: "^src/report/" },
      to: { path: "^src/(mainjob|watch)/" },
    },
    {
      name: "watch-not-to-mainjob",
      severity: "error",
      comment:
        "The watcher (src/watch) follows a deployment with the report's scanner and the custodian's decoder; it " +
        "and the main job are workflows side by side, right of the report: the watcher never drives the main job.",
      from: { path: "^src/watch/" },
      to: { path: "^src/mainjob/" },
    },
    {
      name: "mainjob-not-to-watch",
      severity: "error",
      comment: "Nothing in src/ imports the watcher (commands and tests only): the main job does not run it either.",
      from: { path: "^src/mainjob/" },
      to: { path: "^src/watch/" },
    },
    {
      name: "library-not-to-commands",
      severity: "error",
      comment:
        "src/ is the library: commands (scripts/) and developer tooling (tools/, hardhat.config.ts) are its " +
        "callers, never its dependencies, or the library would drag CLIs and build tooling into every user.",
      from: { path: "^src/" },
      to: { path: "^(scripts|tools)/|^hardhat\\.config\\.ts$" },
    },
    {
      name: "no-tests-from-non-tests",
      severity: "error",
      comment: "Tests are free to import anything; nothing else imports tests (fixtures and helpers stay in test/).",
      from: { path: "^(src|scripts|tools)/|^hardhat\\.config\\.ts$" },
      to: { path: "^test/" },
    },
    {
      name: "tools-not-to-scripts",
      severity: "error",
      comment: "tools/ is the logic of the developer commands; scripts/ are its thin callers, never its dependencies.",
      from: { path: "^tools/" },
      to: { path: "^scripts/" },
    },
    {
      name: "scripts-only-entry-points",
      severity: "error",
      comment:
        "A command imports library entry points only: a module at the top of a library folder " +
        "(src/<folder>/<module>.ts, including its index.ts), a domain's command module (src/<folder>/cli/<command>.ts) " +
        "or a tool's entry (tools/<tool>/index.ts or " +
        "tools/<tool>.ts). Anything deeper (src/<folder>/<sub>/..., tools/<tool>/<module>.ts) is internal to " +
        "that folder and may change without notice; a command never imports another command either.",
      from: { path: "^scripts/" },
      to: {
        path: "^(src|tools|scripts)/",
        pathNot: "^src/[^/]+/[^/]+\\.ts$|^src/[^/]+/cli/[^/]+\\.ts$|^tools/[^/]+/index\\.ts$|^tools/[^/]+\\.ts$",
      },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(typechain-types|artifacts|cache|coverage|node_modules)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".d.ts", ".js", ".cjs", ".mjs", ".json"],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
