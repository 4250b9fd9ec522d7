/**
 * The layer rule (ARCHITECTURE.md section 1), checked by `npm run lint`:
 * shared is pure; main never reaches into the renderer; only main/electron
 * imports electron; the renderer never imports Node, Electron or main.
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
