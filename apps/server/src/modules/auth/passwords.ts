import { hash, verify } from '@node-rs/argon2';

// argon2id with OWASP's minimum profile (19 MiB, 2 passes): about 30 ms on one core.
const options = { algorithm: 2 /* Argon2id */, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (plain: string) => hash(plain, options);

// Verifying against this when the email is unknown keeps both answers equally slow.
const decoy = hash('decoy-password-for-timing', options);

export async function verifyPassword(storedHash: string | null, plain: string): Promise<boolean> {
  try {
    return await verify(storedHash ?? (await decoy), plain);
  } catch {
    return false;
  }
}
