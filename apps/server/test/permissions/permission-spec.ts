import type { TestApp } from '../harness/test-app';

/**
 * One module's rows of the permission matrix (docs/api.md, "Who may call what"). The matrix
 * test loads every `*.permissions.ts` in this folder and calls each route as the owner, an
 * admin, an agent limited to assigned conversations (the shared conversation is not theirs)
 * and the owner of another workspace.
 */
export type Role = 'owner' | 'admin' | 'agent' | 'foreign';

export interface MatrixFixture {
  t: TestApp;
  cookies: Record<Role, string>;
  /** A conversation of the test workspace, not assigned to the agent. */
  conversationId: string;
  /** An inbound message of that conversation. */
  messageId: string;
}

export type Ids = Record<string, string>;

export type PermissionRow = [
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  /** `ids` holds `conversationId`, `messageId` and whatever `prepare` returned. */
  url: (ids: Ids) => string,
  /** An object is sent as JSON; a string as is (with `headers`, e.g. a multipart body). */
  body: object | string | ((ids: Ids) => object | string) | undefined,
  owner: number,
  admin: number,
  agent: number,
  foreign: number,
  headers?: Record<string, string>,
  /**
   * Where the status alone does not tell (a 200 that must leave things out): whether the answer
   * shows the role only what it may see. Checked on every 2xx answer.
   */
  shows?: (json: unknown, role: Role) => boolean,
];

export interface PermissionSpec {
  /** Called before each role's round (as the owner of the test workspace): fresh ids for the rows. */
  prepare?: (f: MatrixFixture, role: Role) => Promise<Ids>;
  rows: PermissionRow[];
}
