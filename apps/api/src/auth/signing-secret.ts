import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';

/** Where the generated key lives under DATA_DIR: a folder only the API's user can enter, a file only it reads. */
export function signingSecretPath(dataDir: string): string {
  return join(dataDir, 'secrets', 'jwt-secret');
}

/**
 * The key that signs access tokens when the operator set no JWT_SECRET: generated on the first start and kept in
 * DATA_DIR, so that a restart (during a contest, say) logs nobody out. Two APIs starting at once on the same
 * DATA_DIR agree on one key: each writes its candidate to a file of its own and links it into place, and the
 * loser reads the winner's. A key that is there but unusable (empty, cut short) stops the start with its path,
 * rather than being replaced, which would log everyone out without saying why.
 */
export async function persistedSigningSecret(dataDir: string): Promise<string> {
  const file = signingSecretPath(dataDir);
  const dir = join(file, '..');
  // DATA_DIR as any other of its users makes it; only the last folder private (a recursive mkdir would give the
  // mode to every folder it makes, DATA_DIR too, which the embedded PostgreSQL's user must enter).
  await fs.mkdir(dataDir, { recursive: true });
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  // Made by an older version or by hand: private all the same.
  await fs.chmod(dir, 0o700);
  const existing = await readSecret(file);
  if (existing !== null) return existing;
  const candidate = join(dir, `.jwt-secret-${process.pid}-${randomBytes(6).toString('hex')}`);
  await fs.writeFile(candidate, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await fs.link(candidate, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await fs.unlink(candidate);
  }
  const secret = await readSecret(file);
  if (secret === null) throw new Error(`${file} vanished while the API was starting`);
  return secret;
}

async function readSecret(file: string): Promise<string | null> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const secret = text.trim();
  if (secret.length < 32) {
    throw new Error(`${file} holds no usable token signing key: delete it to make a new one, or set JWT_SECRET`);
  }
  await fs.chmod(file, 0o600);
  return secret;
}
