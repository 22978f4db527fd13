import type { FastifyInstance } from 'fastify';

export interface Route {
  method: string;
  path: string;
}

/**
 * Fastify's route tree prints one node for parameters of different names at the same place
 * (`:token|:id` for GET /api/invitations/:token and DELETE /api/invitations/:id): compare
 * listed routes by shape only.
 */
export const anyParam = (route: string) => route.replace(/:[^/]+/g, ':');

/**
 * Every route Fastify registered, from its route tree (`printRoutes`): each line is a piece of
 * path appended to its parent's, with the methods it answers. HEAD is Fastify's automatic twin
 * of GET.
 */
export function registeredRoutes(app: FastifyInstance): Route[] {
  const stack: string[] = [];
  const out: Route[] = [];
  for (const line of app.printRoutes().split('\n')) {
    const m = /^([│├└─\s]*?)(\S+?)(?: \(([^)]*)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack.length = depth;
    const path = (depth > 0 ? (stack[depth - 1] ?? '') : '') + m[2]!;
    stack[depth] = path;
    for (const method of m[3]?.split(', ') ?? []) if (method !== 'HEAD') out.push({ method, path });
  }
  return out;
}
