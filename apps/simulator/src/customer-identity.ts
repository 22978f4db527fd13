import { randomInt } from 'node:crypto';
import { CustomerInputError } from './customer-message';
import type { SimCustomer } from './sandbox-state';

/** §7.13: `<ISO-3166 alpha-2>.<up to 128 alphanumerics>`; a parent BSUID is `<CC>.ENT.<…>`. */
export const BSUID_PATTERN = /^[A-Z]{2}\.[A-Za-z0-9]{1,128}$/;
export const PARENT_BSUID_PATTERN = /^[A-Z]{2}\.ENT\.[A-Za-z0-9]{1,128}$/;
/** WhatsApp usernames follow the business username rules: 3–35 of `a-z 0-9 . _`. */
export const USERNAME_PATTERN = /^[a-z0-9._]{3,35}$/;

/** Identity fields a customer may be given when they write or are set up (all optional). */
export type CustomerIdentityInput = {
  userId?: string | undefined;
  parentUserId?: string | undefined;
  username?: string | undefined;
  usernameOnly?: boolean | undefined;
};

export type CustomerIdentity = Pick<SimCustomer, 'userId' | 'parentUserId' | 'username' | 'usernameOnly'>;

export function isBsuid(value: unknown): value is string {
  return typeof value === 'string' && BSUID_PATTERN.test(value);
}

/**
 * The identity a customer has after `input`: given fields are kept for good, a BSUID changes only
 * through an identity change (which WhatsApp announces), and a hidden phone needs a BSUID to show
 * instead. `isTaken` says whether another customer of the number already has a BSUID.
 */
export function resolveIdentity(
  current: CustomerIdentity | null,
  input: CustomerIdentityInput,
  isTaken: (userId: string) => boolean,
): CustomerIdentity {
  const identity: CustomerIdentity = current
    ? {
        userId: current.userId,
        parentUserId: current.parentUserId,
        username: current.username,
        usernameOnly: current.usernameOnly,
      }
    : { userId: null, parentUserId: null, username: null, usernameOnly: false };
  if (input.userId !== undefined && input.userId !== identity.userId) {
    if (!isBsuid(input.userId)) throw new CustomerInputError('userId must look like MX.1234567890123456789');
    if (identity.userId !== null) {
      throw new CustomerInputError(
        `this customer's BSUID is ${identity.userId}; change it with POST …/identity {"change":"user_id"}`,
      );
    }
    if (isTaken(input.userId)) {
      throw new CustomerInputError(`userId ${input.userId} belongs to another customer of this number`);
    }
    identity.userId = input.userId;
  }
  if (input.parentUserId !== undefined) {
    if (!PARENT_BSUID_PATTERN.test(input.parentUserId)) {
      throw new CustomerInputError('parentUserId must look like MX.ENT.1234567890123456789');
    }
    identity.parentUserId = input.parentUserId;
  }
  if (input.username !== undefined) {
    if (!USERNAME_PATTERN.test(input.username)) {
      throw new CustomerInputError('username must be 3-35 characters of a-z, 0-9, "." and "_"');
    }
    identity.username = input.username;
  }
  if (input.usernameOnly !== undefined) identity.usernameOnly = input.usernameOnly;
  if (identity.usernameOnly && identity.userId === null) {
    throw new CustomerInputError('a username-only customer needs a userId (their phone is never shown)');
  }
  return identity;
}

/** The sender keys of an inbound message: `from` unless the phone is hidden, BSUIDs when known. */
export function buildSenderFields(customer: { waId: string } & CustomerIdentity): Record<string, string> {
  return {
    ...(!customer.usernameOnly && { from: customer.waId }),
    ...(customer.userId !== null && { from_user_id: customer.userId }),
    ...(customer.parentUserId !== null && { from_parent_user_id: customer.parentUserId }),
  };
}

// Country calling codes of the markets Charla's users work in, for the country of a new BSUID.
const COUNTRY_BY_CALLING_CODE: [string, string][] = [
  ['593', 'EC'],
  ['502', 'GT'],
  ['503', 'SV'],
  ['504', 'HN'],
  ['505', 'NI'],
  ['506', 'CR'],
  ['507', 'PA'],
  ['591', 'BO'],
  ['595', 'PY'],
  ['598', 'UY'],
  ['52', 'MX'],
  ['54', 'AR'],
  ['55', 'BR'],
  ['56', 'CL'],
  ['57', 'CO'],
  ['58', 'VE'],
  ['51', 'PE'],
  ['53', 'CU'],
  ['34', 'ES'],
  ['44', 'GB'],
  ['49', 'DE'],
  ['33', 'FR'],
  ['39', 'IT'],
  ['91', 'IN'],
  ['1', 'US'],
];

/**
 * A fresh BSUID, e.g. after a number change (§5.4: a phone change regenerates the BSUID): the
 * country of the previous BSUID, else of the phone (`ZZ` when the simulator does not know it).
 */
export function createBsuid(previous: string | null, waId: string): string {
  const country =
    previous?.slice(0, 2) ?? COUNTRY_BY_CALLING_CODE.find(([code]) => waId.startsWith(code))?.[1] ?? 'ZZ';
  let digits = String(randomInt(1, 10));
  while (digits.length < 19) digits += String(randomInt(0, 10));
  return `${country}.${digits}`;
}
