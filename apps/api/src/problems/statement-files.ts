import { Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { extname, posix } from 'node:path';
import { MiB, STATEMENT_IMAGE_TYPES, type StatementFilesView } from '@judge/contract';
import { findStatementPdf, listStatementFiles, readStatementFile, type StatementFile } from '@judge/problem-package';
import { notFound } from '../common/app-error';
import type { ProblemSummary, StoredStatementFile } from '../database/entities';
import type { ContentStore } from '../storage/content-store';
import { STATEMENT_FILE_STORE } from '../tokens';

/** Caps on what one version keeps of its statement's folder; files past them are not served (docs/problem-format.md). */
export const STATEMENT_FILE_LIMITS = { fileBytes: 16 * MiB, totalBytes: 64 * MiB, files: 200 };

/** Types of the other files served by name; any other file is `application/octet-stream`. All are downloads. */
const DOWNLOAD_TYPES: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.txt': 'text/plain; charset=utf-8',
  '.zip': 'application/zip',
};

/** One file as the API sends it. */
export interface ServedFile {
  /** Host path in the store (named by hash, never by the package's name). */
  path: string;
  hash: string;
  contentType: string;
  /** Shown in the page (an image) rather than downloaded. */
  inline: boolean;
  /** Base name for a download. */
  fileName: string;
}

/**
 * The files that go with a version's statement. They are copied out of the package when the version is stored, so
 * serving one never opens a package: it is looked up by its exact name in the version's summary (a `..` or any
 * other name that is not listed is simply not found) and read from a content-addressed store.
 */
@Injectable()
export class StatementFiles {
  constructor(@Inject(STATEMENT_FILE_STORE) private readonly store: ContentStore) {}

  /** Copies a package's statement files and PDF into the store; the answer goes into the version's summary. */
  async keep(
    packageRoot: string,
    statementPath: string | null,
  ): Promise<Required<Pick<ProblemSummary, 'statementFiles' | 'statementPdf'>>> {
    let total = 0;
    const keepOne = async (file: StatementFile): Promise<StoredStatementFile | null> => {
      if (file.bytes > STATEMENT_FILE_LIMITS.fileBytes || total + file.bytes > STATEMENT_FILE_LIMITS.totalBytes) {
        return null;
      }
      const data = await readStatementFile(file, STATEMENT_FILE_LIMITS.fileBytes);
      if (!data) return null;
      total += data.length;
      return { name: file.name, hash: await this.store.put(data), bytes: data.length };
    };
    // The PDF first: when the caps bite, it is what a contestant needs most.
    const pdf = await findStatementPdf(packageRoot);
    const statementPdf = pdf ? await keepOne(pdf) : null;
    const statementFiles: StoredStatementFile[] = [];
    for (const file of await listStatementFiles(packageRoot, statementPath)) {
      if (statementFiles.length >= STATEMENT_FILE_LIMITS.files) break;
      // A PDF in the statement's folder is also one of its files: counted once against the caps.
      const kept = statementPdf && file.path === pdf?.path ? { ...statementPdf, name: file.name } : await keepOne(file);
      if (kept) statementFiles.push(kept);
    }
    return { statementFiles, statementPdf };
  }

  /** What ProblemDetail says of them, for a problem reached at `route` (e.g. `/api/problems/:id/versions/3`). */
  view(summary: ProblemSummary, route: string): StatementFilesView {
    return {
      base: `${route}/statement`,
      names: (summary.statementFiles ?? []).map((f) => f.name),
      pdf: summary.statementPdf ? `${route}/statement.pdf` : null,
    };
  }

  /** A file of the statement's folder by its exact name; 404 for any other name. */
  file(summary: ProblemSummary, name: string): Promise<ServedFile> {
    const stored = summary.statementFiles?.find((f) => f.name === name);
    if (!stored) throw notFound('statement file');
    return this.served(stored);
  }

  pdf(summary: ProblemSummary): Promise<ServedFile> {
    if (!summary.statementPdf) throw notFound('statement PDF');
    return this.served(summary.statementPdf);
  }

  private async served(stored: StoredStatementFile): Promise<ServedFile> {
    const extension = extname(stored.name).toLowerCase();
    const image = STATEMENT_IMAGE_TYPES[extension] as string | undefined;
    return {
      path: await this.store.file(stored.hash),
      hash: stored.hash,
      contentType: image ?? DOWNLOAD_TYPES[extension] ?? 'application/octet-stream',
      inline: image !== undefined,
      fileName: posix.basename(stored.name),
    };
  }
}

/**
 * Sends a statement file so that a package's file never acts as a page of this site: its type from the allow-list
 * above with `nosniff`, so no browser guesses HTML; a CSP with no script at all and a sandbox, so an SVG opened by
 * itself runs nothing; anything but an image as a download. The ETag is the content hash.
 */
export async function sendStatementFile(response: Response, file: ServedFile): Promise<void> {
  if (file.inline) response.setHeader('Content-Disposition', 'inline');
  else response.attachment(file.fileName);
  // After attachment(), which sets a type of its own from the name.
  response.setHeader('Content-Type', file.contentType);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader(
    'Content-Security-Policy',
    "default-src 'none'; img-src data:; style-src 'unsafe-inline'; sandbox",
  );
  response.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  response.setHeader('Cache-Control', 'private, no-cache');
  response.setHeader('ETag', `"${file.hash}"`);
  await new Promise<void>((resolve, reject) =>
    // The path is the store's (a hash under DATA_DIR), so a dot in DATA_DIR's own path is no reason to refuse it.
    response.sendFile(file.path, { dotfiles: 'allow', lastModified: false, etag: false }, (error) =>
      error && !response.headersSent ? reject(error) : resolve(),
    ),
  );
}
