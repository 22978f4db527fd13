import { type GraphApiError, graphErrors } from './graph-error';
import type { Sandbox } from './sandbox';
import type { SimNumber } from './sandbox-state';

export type GraphRequest = {
  method: 'get' | 'post';
  version: string;
  phoneNumberId: string;
  authorization: string | undefined;
  /** Graph also accepts `?access_token=`. */
  queryToken: string | undefined;
};

type AuthResult = { ok: true; number: SimNumber } | { ok: false; error: GraphApiError };

/** Version, then token, then object: the order in which Graph rejects a request (§8.1, §8.21). */
export function authorizeGraphRequest(
  sandbox: Sandbox,
  supportedVersions: string[],
  request: GraphRequest,
): AuthResult {
  if (!supportedVersions.includes(request.version)) {
    return {
      ok: false,
      error: graphErrors.expiredVersion(request.version, supportedVersions.at(-1) ?? 'v26.0'),
    };
  }
  const token = readBearer(request.authorization) ?? request.queryToken;
  const numbers = Object.values(sandbox.state.numbers);
  if (!token || !numbers.some((number) => number.accessToken === token)) {
    return { ok: false, error: graphErrors.invalidToken() };
  }
  const number = sandbox.findNumber(request.phoneNumberId);
  // A valid token for another business sees "does not exist or missing permissions", like Graph.
  if (number === null || number.accessToken !== token) {
    return { ok: false, error: graphErrors.unknownObject(request.method, request.phoneNumberId) };
  }
  return { ok: true, number };
}

export function readBearer(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}
