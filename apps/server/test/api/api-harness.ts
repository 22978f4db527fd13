import type { ApiScope, CreatedApiKey } from '@charla/contracts';
import type { TestApp } from '../harness/test-app';

/** A key made by the owner in Settings, with these scopes. */
export async function makeKey(
  t: TestApp,
  scopes: ApiScope[],
  name = 'Tienda online',
): Promise<CreatedApiKey> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/api-keys',
    headers: { cookie: t.cookie },
    payload: { name, scopes },
  });
  if (res.statusCode !== 201) throw new Error(`key not made: ${res.body}`);
  return res.json();
}

/** /api/v1 as an integration calls it: a bearer key, no cookie. */
export function v1Of(t: TestApp, key: string) {
  return (
    method: 'GET' | 'POST' | 'DELETE' | 'PATCH',
    url: string,
    payload?: object,
    headers: Record<string, string> = {},
  ) =>
    t.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${key}`, ...headers },
      ...(payload ? { payload } : {}),
    });
}
