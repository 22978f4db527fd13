import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../src/config/config';
import { scrapeMetrics } from '../harness/metrics';
import { createTestApp, type TestApp } from '../harness/test-app';

// The deploy files name only what the server has: every metric the Grafana dashboard queries is
// one /metrics exports (a renamed metric fails here, not as an empty graph in production), and the
// health checks, scrape settings and settings of the Dockerfile, deploy/compose.yaml and
// deploy/prometheus are ones the server answers and reads. Docker itself is not run here.

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const read = (path: string) => readFileSync(`${root}${path}`, 'utf8');

/** Series Prometheus makes itself for every target, not read from /metrics. */
const PROMETHEUS_OWN = new Set(['up']);
const KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool']);
const OPERATORS = new Set(['and', 'or', 'unless', 'offset', 'inf', 'nan']);

/** The metric names a PromQL expression selects; Grafana's `$variables` may stand anywhere. */
function metricNamesIn(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ')
    .replace(/\$\{?\w+\}?/g, ' ');
  const names = new Set<string>();
  for (const m of bare.matchAll(/(?<![\w.])[A-Za-z_:][\w:]*/g)) {
    const isCall = /^\s*\(/.test(bare.slice(m.index + m[0].length));
    if (!isCall && !KEYWORDS.has(m[0]) && !OPERATORS.has(m[0].toLowerCase())) names.add(m[0]);
  }
  return [...names];
}

interface Panel {
  type: string;
  title: string;
  targets?: { expr: string }[];
  panels?: Panel[];
}
interface Dashboard {
  panels: Panel[];
  templating: { list: { type: string; query?: string | { query: string } }[] };
}

const dashboard = JSON.parse(read('deploy/grafana/charla-dashboard.json')) as Dashboard;
const panels = (list: Panel[]): Panel[] => list.flatMap((p) => [p, ...panels(p.panels ?? [])]);
const graphs = panels(dashboard.panels).filter((p) => p.type !== 'row');
/** label_values(metric, label) and query_result(expr) of the dashboard's variables. */
const variableExprs = dashboard.templating.list
  .filter((v) => v.type === 'query')
  .map((v) => (typeof v.query === 'string' ? v.query : (v.query?.query ?? '')))
  .map(
    (q) =>
      /^label_values\(\s*(.+?)\s*,\s*\w+\s*\)$/.exec(q)?.[1] ?? /^query_result\((.+)\)$/.exec(q)?.[1] ?? q,
  );

/** Each metric family of a scrape by its type, from the `# TYPE` lines. */
function metricTypes(text: string): Map<string, string> {
  return new Map([...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((m) => [m[1]!, m[2]!]));
}

/** A name a query may use: a family, or a histogram's (or summary's) series. */
function isExported(name: string, types: Map<string, string>): boolean {
  if (types.has(name)) return true;
  const series = /^(.+)_(bucket|sum|count)$/.exec(name);
  const type = series ? types.get(series[1]!) : undefined;
  return type === 'histogram' || (type === 'summary' && series?.[2] !== 'bucket');
}

/** The paths the health checks of a Dockerfile or compose file fetch. */
function healthCheckPaths(text: string): string[] {
  return [...text.matchAll(/fetch\((.*?)\)\.then/g)].flatMap((m) =>
    [...m[1]!.matchAll(/\/[a-z][\w-]*(?=')/g)].map((p) => p[0]),
  );
}

const compose = read('deploy/compose.yaml');
const dockerfile = read('Dockerfile');
const prometheus = read('deploy/prometheus/prometheus.yml');
const nginx = read('deploy/nginx/charla-compose.conf');
const configKeys = new Set(Object.keys(ConfigSchema.shape));

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ config: { METRICS_TOKEN: 'prometheus-scrape-token' } });
});
afterAll(() => t?.close());

describe('the Grafana dashboard', () => {
  it('reads metric names out of PromQL, leaving functions, labels, keywords and variables', () => {
    expect(
      metricNamesIn(
        'histogram_quantile(0.95, sum by (le, route) (rate(charla_http_request_duration_seconds_bucket{job="$job", route!="/api/x"}[$__rate_interval])))',
      ),
    ).toEqual(['charla_http_request_duration_seconds_bucket']);
    expect(metricNamesIn('max by (exported_job) (a_total{x="sum(b)"}) / on (i) group_left c or up')).toEqual([
      'a_total',
      'c',
      'up',
    ]);
  });

  it('queries only metrics a running Charla exports at /metrics, in every panel and variable', async () => {
    const types = metricTypes(await scrapeMetrics(t));
    expect(types.size).toBeGreaterThan(10);
    expect(graphs.length).toBeGreaterThan(10);
    const used = new Set<string>();
    for (const panel of graphs) {
      const names = (panel.targets ?? []).flatMap((q) => metricNamesIn(q.expr));
      expect(names, `panel "${panel.title}" queries no metric`).not.toEqual([]);
      for (const n of names) used.add(n);
    }
    for (const expr of variableExprs) for (const n of metricNamesIn(expr)) used.add(n);
    const missing = [...used].filter((n) => !PROMETHEUS_OWN.has(n) && !isExported(n, types));
    expect(missing, 'metrics the dashboard queries that /metrics does not export').toEqual([]);
    // Charla's own, not only the process defaults.
    expect([...used].filter((n) => n.startsWith('charla_')).length).toBeGreaterThanOrEqual(12);
  });
});

describe('the Dockerfile, compose file and Prometheus scrape', () => {
  it('health checks fetch paths the server answers with 200', async () => {
    const paths = [...healthCheckPaths(dockerfile), ...healthCheckPaths(compose)];
    expect(healthCheckPaths(dockerfile)).toEqual(['/health']);
    expect(healthCheckPaths(compose)).toEqual(['/ready']);
    for (const path of paths) expect((await fetch(`${t.baseUrl}${path}`)).status, path).toBe(200);
  });

  it('Prometheus scrapes /metrics with the bearer token, as the server asks', async () => {
    expect(prometheus).toMatch(/^\s+metrics_path: \/metrics$/m);
    expect(prometheus).toMatch(/^\s+type: Bearer\n\s+credentials_file: /m);
    expect((await t.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
  });

  it('compose runs, nginx proxies and Prometheus scrapes the same processes', () => {
    const services = [...compose.matchAll(/^ {2}(charla-\d+):$/gm)].map((m) => m[1]);
    const upstreams = [...nginx.matchAll(/^\s+server (charla-\d+):3000 /gm)].map((m) => m[1]);
    const targets = [...prometheus.matchAll(/^\s+- (charla-\d+):3000$/gm)].map((m) => m[1]);
    expect(services).toEqual(['charla-1', 'charla-2', 'charla-3']);
    expect(upstreams).toEqual(services);
    expect(targets).toEqual(services);
  });

  it('sets only settings Charla reads', () => {
    const charla = compose.slice(compose.indexOf('x-charla:'), compose.indexOf('\nservices:'));
    const composeKeys = [...charla.matchAll(/^ {4}([A-Z][A-Z0-9_]*):/gm)].map((m) => m[1]!);
    const imageKeys = [...dockerfile.matchAll(/^ENV (.+)$/gm)].flatMap((m) =>
      m[1]!.split(/\s+/).map((kv) => kv.split('=')[0]!),
    );
    expect(composeKeys).toContain('DATABASE_URL');
    expect(imageKeys).toEqual(['HOST', 'PORT', 'DATA_DIR']);
    expect([...composeKeys, ...imageKeys].filter((k) => !configKeys.has(k))).toEqual([]);
    // deploy/.env.example: Charla's settings, or the variables compose.yaml itself uses.
    const composeVariables = new Set([...compose.matchAll(/\$\{(\w+)/g)].map((m) => m[1]!));
    const exampleKeys = [...read('deploy/.env.example').matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map(
      (m) => m[1]!,
    );
    expect(exampleKeys.filter((k) => !configKeys.has(k) && !composeVariables.has(k))).toEqual([]);
  });

  it('the image installs with every workspace of package.json', () => {
    const { workspaces } = JSON.parse(read('package.json')) as { workspaces: string[] };
    for (const w of workspaces) expect(dockerfile).toContain(`COPY ${w}/package.json ${w}/\n`);
  });
});
