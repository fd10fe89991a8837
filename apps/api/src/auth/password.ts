import { hash, verify } from '@node-rs/argon2';

/** argon2id (prebuilt binaries of @node-rs/argon2: no native build on install). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
