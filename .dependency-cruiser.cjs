/**
 * The rules of direction from ARCHITECTURE.md section 3, checked on every `npm test`.
 * Type-only imports count: a cycle of types is still a design cycle.
 */
module.exports = {
  forbidden: [
    { name: 'no-cycles', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'platform-knows-no-module',
      comment: 'platform/ has no business words (rule 1)',
      severity: 'error',
      from: { path: '^apps/server/src/platform/' },
      to: { path: '^apps/server/src/modules/' },
    },
    {
      name: 'modules-only-through-index',
      comment: 'modules import each other only through modules/<m>/index.ts (rule 1)',
      severity: 'error',
      from: { path: '^apps/server/src/modules/([^/]+)/' },
      to: {
        path: '^apps/server/src/modules/([^/]+)/.+',
        pathNot: [
          '^apps/server/src/modules/$1/',
          '^apps/server/src/modules/[^/]+/index\\.ts$',
          '^apps/server/src/modules/[^/]+/[^/]+\\.schema\\.ts$',
        ],
      },
    },
    {
      name: 'inbox-does-not-know-channels',
      comment: 'channels depend on the inbox, never the reverse (rule 3)',
      severity: 'error',
      from: { path: '^apps/server/src/modules/inbox/', pathNot: '\\.schema\\.ts$' },
      to: { path: '^apps/server/src/modules/channels/' },
    },
    {
      name: 'domain-without-frameworks',
      comment:
        'domain code and services never import Fastify or a database driver (rule 2); routes and repositories may',
      severity: 'error',
      from: {
        path: '^apps/server/src/modules/',
        pathNot: ['\\.routes\\.ts$', '\\.guard\\.ts$', '\\.test\\.ts$'],
      },
      to: { path: 'node_modules/(fastify|@fastify|pg|@electric-sql)/' },
    },
    {
      name: 'domain-without-whatsapp',
      comment:
        "only channels/whatsapp talks the Cloud API wire format (rule 2); the public API (modules/api) accepts Meta's request shapes by design",
      severity: 'error',
      from: {
        path: '^apps/server/src/modules/',
        pathNot: ['^apps/server/src/modules/channels/whatsapp/', '^apps/server/src/modules/api/'],
      },
      to: { path: '(^packages/cloud-api/|node_modules/@charla/cloud-api)' },
    },
    {
      name: 'simulator-talks-http-only',
      comment: 'the simulator imports only packages/cloud-api, never Charla (rule 4)',
      severity: 'error',
      from: { path: '^apps/simulator/' },
      to: { path: '^(apps/server|apps/web|packages/contracts)/' },
    },
    {
      name: 'packages-depend-on-zod-alone',
      comment: 'packages/contracts and packages/cloud-api depend on zod alone (rule 5)',
      severity: 'error',
      from: { path: '^packages/' },
      to: { dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer'], pathNot: 'node_modules/zod/' },
    },
    {
      name: 'web-talks-http-only',
      severity: 'error',
      from: { path: '^apps/web/' },
      to: { path: '^(apps/server|apps/simulator|packages/cloud-api)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(node_modules|dist|\\.test\\.ts$|/test/|/e2e/)' },
    tsPreCompilationDeps: true,
    combinedDependencies: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'default'],
      extensions: ['.ts', '.tsx', '.js'],
    },
  },
};
