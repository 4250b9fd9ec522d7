/**
 * The layer rule (ARCHITECTURE.md section 1), checked by `npm run lint`:
 * shared is pure; main never reaches into the renderer; only main/electron
 * imports electron; the renderer never imports Node, Electron or main.
 *
 * And the layers inside each side, as VS Code keeps them:
 * - main: store <- services <- api <- transports (cli, http, electron, worker). A service folder
 *   uses its own files, the neutral modules (services/formats/, services/*.ts) and, where
 *   declared below, one other capability; jobs orchestrates them all.
 * - renderer: api, editor and components never import features or app; a feature imports another
 *   feature only through that feature's index.ts (its public face), never its internals.
 */

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'shared-is-pure',
      comment: 'src/shared runs everywhere: it imports only src/shared and pure libraries (zod).',
      severity: 'error',
      from: { path: '^src/shared' },
      to: {
        pathNot: ['^src/shared', '^node_modules/zod/'],
      },
    },
    {
      name: 'shared-no-builtins',
      severity: 'error',
      from: { path: '^src/shared' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'main-not-renderer',
      comment: 'The main process never imports renderer or preload code.',
      severity: 'error',
      from: { path: '^src/main' },
      to: { path: '^src/(renderer|preload)' },
    },
    {
      name: 'only-main-electron-imports-electron',
      comment: 'Everything outside src/main/electron (and the preload) must run without Electron.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/main/electron/', '^src/preload/'] },
      to: { path: '^node_modules/electron/|^electron$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'only-main-electron-imports-electron-core',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/main/electron/', '^src/preload/'] },
      to: { path: '^electron$' },
    },
    {
      name: 'renderer-is-a-browser',
      comment: 'The renderer imports src/shared and browser libraries; never Node, Electron or src/main.',
      severity: 'error',
      from: { path: '^src/renderer' },
      to: { path: ['^src/main', '^src/preload', '^node_modules/(electron|better-sqlite3)/', '^electron$'] },
    },
    {
      name: 'renderer-no-builtins',
      severity: 'error',
      from: { path: '^src/renderer' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'preload-is-thin',
      comment: 'The preload imports electron and, at most, types from src/shared.',
      severity: 'error',
      from: { path: '^src/preload' },
      to: { pathNot: ['^src/shared', '^src/preload', '^electron$', '^node_modules/electron/'] },
    },
    {
      name: 'main-store-is-the-bottom',
      comment: 'The store (SQL, files, locks) knows nothing of services, handlers or transports.',
      severity: 'error',
      from: { path: '^src/main/store/' },
      to: { path: '^src/main/(services|api|cli|http|electron|worker|team)/' },
    },
    {
      name: 'main-services-below-api',
      comment: 'Services are called by handlers and commands; they never import them or a transport.',
      severity: 'error',
      from: { path: '^src/main/services/' },
      to: { path: '^src/main/(api|cli|http|electron|worker)/' },
    },
    {
      name: 'main-api-below-transports',
      comment: 'The handler table and dispatch are served by transports; they never import one.',
      severity: 'error',
      from: { path: '^src/main/api/' },
      to: { path: '^src/main/(cli|http|electron|worker)/' },
    },
    {
      name: 'services-not-sideways',
      comment:
        'A service capability uses its own folder and the neutral modules (services/formats/, services/*.ts); ' +
        'jobs orchestrates import and export, seed and import are declared in their own rules.',
      severity: 'error',
      from: { path: '^src/main/services/([^/]+)/', pathNot: '^src/main/services/(jobs|seed|import)/' },
      to: { path: '^src/main/services/[^/]+/', pathNot: ['^src/main/services/$1/', '^src/main/services/formats/'] },
    },
    {
      name: 'export-not-import',
      comment: 'services/export never imports services/import (the format registry both use is services/formats/).',
      severity: 'error',
      from: { path: '^src/main/services/export/' },
      to: { path: '^src/main/services/import/' },
    },
    {
      name: 'import-reads-layers-through-export-only',
      comment: "A workspace import reads the other workspace's layers with export's layer listing; nothing else sideways.",
      severity: 'error',
      from: { path: '^src/main/services/import/' },
      to: { path: '^src/main/services/[^/]+/', pathNot: ['^src/main/services/(import|formats)/', '^src/main/services/export/exportLayers\\.ts$'] },
    },
    {
      name: 'seed-uses-import-only',
      comment: 'The sample workspace is written through the importer, and nothing else sideways.',
      severity: 'error',
      from: { path: '^src/main/services/seed/' },
      to: { path: '^src/main/services/[^/]+/', pathNot: ['^src/main/services/(seed|import|formats)/'] },
    },
    {
      name: 'renderer-lower-layers-not-features',
      comment: 'api, editor and components are below the features and the app shell: they never import either.',
      severity: 'error',
      from: { path: '^src/renderer/(api|editor|components)/' },
      to: { path: '^src/renderer/(features|app)/' },
    },
    {
      name: 'renderer-features-not-each-others-internals',
      comment: "A feature imports another feature only through its index.ts; shared pieces live in renderer/components or renderer/app.",
      severity: 'error',
      from: { path: '^src/renderer/features/([^/]+)/' },
      to: { path: '^src/renderer/features/', pathNot: ['^src/renderer/features/$1/', '^src/renderer/features/[^/]+/index\\.tsx?$'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.web.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] },
    exclude: { path: ['\\.d\\.ts$'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
}
