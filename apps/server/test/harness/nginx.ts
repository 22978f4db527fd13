import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port';

const deployDir = fileURLToPath(new URL('../../../../deploy/nginx/', import.meta.url));

/** Debian's nginx (`apt-get install -y nginx-light`), or null when it is not installed. */
export function nginxBinary(): string | null {
  for (const path of ['/usr/sbin/nginx', '/usr/bin/nginx']) {
    if (spawnSync(path, ['-v']).status === 0) return path;
  }
  return null;
}

/**
 * nginx on a free loopback port in front of Charla processes, with the proxy settings of
 * deploy/nginx (the ones docs/deploy.md tells users to include), in its own folder.
 */
export async function startNginx(upstreamPorts: number[]): Promise<{ url: string; close(): Promise<void> }> {
  const binary = nginxBinary();
  if (!binary) throw new Error('nginx is not installed: apt-get install -y nginx-light');
  const dir = mkdtempSync(join(tmpdir(), 'charla-nginx-'));
  // nginx's workers run as another user: they keep request bodies in temp folders in here.
  chmodSync(dir, 0o755);
  mkdirSync(join(dir, 'logs'));
  const port = await freePort();
  const conf = `
worker_processes 1;
error_log ${dir}/logs/error.log warn;
pid ${dir}/nginx.pid;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  include ${deployDir}charla-http.conf;
  upstream charla {
${upstreamPorts.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=5s;`).join('\n')}
    keepalive 32;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      include ${deployDir}charla-location.conf;
    }
  }
}
`;
  writeFileSync(join(dir, 'nginx.conf'), conf);
  const child: ChildProcess = spawn(binary, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr?.on('data', (d) => {
    errors += d;
  });
  const url = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 10_000; ; ) {
    if (child.exitCode !== null) throw new Error(`nginx exited: ${errors}`);
    const up = await fetch(`${url}/health`).then(
      (r) => r.status > 0,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) throw new Error(`nginx did not start: ${errors}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
