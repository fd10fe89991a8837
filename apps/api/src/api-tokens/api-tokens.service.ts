import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import type { Repository } from 'typeorm';
import { API_TOKEN_PREFIX, type ApiTokenScope, type ApiTokenView, type CreatedApiToken } from '@judge/contract';
import { AuditLog, type AuditActor } from '../audit/audit-log.service';
import { conflict, notFound } from '../common/app-error';
import { isUuid } from '../common/uuid';
import { UserEntity } from '../database/entities';
import { ApiTokenEntity } from './api-token.entity';

/** Tokens one user may hold at once: enough for every tool they use, few enough to review. */
export const TOKENS_PER_USER = 50;

/** lastUsedAt is written at most this often per token: a busy client does not write a row per request. */
const LAST_USED_EVERY_MS = 60_000;

/** A token's owner and scopes, as the auth guard needs them. */
export interface TokenHolder {
  user: UserEntity;
  tokenId: string;
  scopes: ApiTokenScope[];
}

/** The SHA-256 of a token, hex: 32 random bytes need no slow hash (there is nothing to guess from it). */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

@Injectable()
export class ApiTokensService {
  /** When this process last wrote each token's lastUsedAt (the UPDATE also checks the row, for other instances). */
  private readonly lastWritten = new Map<string, number>();

  constructor(
    @InjectRepository(ApiTokenEntity) private readonly tokens: Repository<ApiTokenEntity>,
    private readonly audit: AuditLog,
  ) {}

  async create(userId: string, name: string, scopes: ApiTokenScope[]): Promise<CreatedApiToken> {
    if ((await this.tokens.countBy({ userId })) >= TOKENS_PER_USER) {
      throw conflict('TOO_MANY_TOKENS', `at most ${TOKENS_PER_USER} tokens per user: revoke one first`);
    }
    const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const row = await this.tokens.save(
      this.tokens.create({ userId, name, scopes: [...new Set(scopes)], tokenHash: hashToken(token) }),
    );
    return { id: row.id, token };
  }

  async listOwn(userId: string): Promise<ApiTokenView[]> {
    const rows = await this.tokens.find({ where: { userId }, order: { createdAt: 'DESC' } });
    return rows.map((row) => view(row));
  }

  /** Everyone's tokens, with their owners (admins). */
  async listAll(): Promise<ApiTokenView[]> {
    const rows = await this.tokens
      .createQueryBuilder('t')
      .innerJoinAndMapOne('t.owner', UserEntity, 'u', 'u.id = t.user_id')
      .orderBy('t.created_at', 'DESC')
      .getMany();
    return rows.map((row) => {
      const owner = (row as ApiTokenEntity & { owner: UserEntity }).owner;
      return view(row, { id: owner.id, username: owner.username });
    });
  }

  /**
   * Revokes a token of the user's, or anyone's for an admin. Another's token is not found, as an unknown one. An
   * admin revoking someone else's is recorded in the audit log (token.revoke), in the same transaction.
   */
  async revoke(caller: AuditActor, id: string): Promise<void> {
    if (!isUuid(id)) throw notFound('token');
    const where = caller.role === 'admin' ? { id } : { id, userId: caller.id };
    await this.tokens.manager.transaction(async (tx) => {
      const row = await tx.findOneBy(ApiTokenEntity, where);
      if (!row) throw notFound('token');
      await tx.delete(ApiTokenEntity, { id: row.id });
      if (row.userId === caller.id) return;
      const owner = await tx.findOne(UserEntity, { select: { username: true }, where: { id: row.userId } });
      await this.audit.record(
        {
          actor: caller,
          action: 'token.revoke',
          target: { type: 'token', id: row.id },
          details: { name: row.name, scopes: row.scopes, ownerId: row.userId, owner: owner?.username ?? null },
        },
        tx,
      );
    });
    this.lastWritten.delete(id);
  }

  /** The holder of a token, or null for an unknown or revoked one. Notes the use (at most once a minute). */
  async holderOf(token: string): Promise<TokenHolder | null> {
    if (!token.startsWith(API_TOKEN_PREFIX)) return null;
    const row = await this.tokens
      .createQueryBuilder('t')
      .innerJoinAndMapOne('t.owner', UserEntity, 'u', 'u.id = t.user_id')
      .where('t.token_hash = :hash', { hash: hashToken(token) })
      .getOne();
    if (!row) return null;
    await this.noteUse(row.id);
    return { user: (row as ApiTokenEntity & { owner: UserEntity }).owner, tokenId: row.id, scopes: row.scopes };
  }

  private async noteUse(id: string): Promise<void> {
    const now = Date.now();
    if (now - (this.lastWritten.get(id) ?? 0) < LAST_USED_EVERY_MS) return;
    this.lastWritten.set(id, now);
    await this.tokens
      .createQueryBuilder()
      .update()
      .set({ lastUsedAt: () => 'now()' })
      .where('id = :id', { id })
      .andWhere("(last_used_at IS NULL OR last_used_at < now() - interval '1 minute')")
      .execute();
  }
}

function view(row: ApiTokenEntity, owner?: { id: string; username: string }): ApiTokenView {
  return {
    id: row.id,
    name: row.name,
    scopes: row.scopes,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    ...(owner ? { owner } : {}),
  };
}
