import { createIntl } from 'react-intl';
import { SUBMISSION_LIMITS, type SubmissionFile } from '@judge/contract';
import { activeLocale } from '../i18n/active-locale';
import { CATALOGS, ENGLISH } from '../i18n/catalogs';
import type { MessageValues } from '../i18n/i18n-provider';

/** A message in the language the page is shown in (these problems are read after a file is chosen, outside React). */
function t(id: string, values?: MessageValues): string {
  const locale = activeLocale();
  return createIntl({ locale, messages: { ...ENGLISH, ...CATALOGS[locale] } }).formatMessage({ id }, values);
}

/** The files of a submission as chosen in the browser, or why they cannot be one (naming the file). */
export type ChosenFiles = { files: SubmissionFile[] } | { problem: string };

/**
 * Reads the files chosen for a submission: several source files, or one zip of them. A zip's single top folder is
 * left out of the names (a zipped folder), and so are folders' own entries, macOS metadata and hidden names. The
 * API checks the names again with the language's rules.
 */
export async function readChosenFiles(chosen: File[], maxBytes: number): Promise<ChosenFiles> {
  if (chosen.length === 1 && /\.zip$/i.test(chosen[0].name)) return readZip(chosen[0], maxBytes);
  if (chosen.length > SUBMISSION_LIMITS.maxFiles) {
    return { problem: t('submission.files.tooMany', { count: chosen.length, max: SUBMISSION_LIMITS.maxFiles }) };
  }
  const total = chosen.reduce((n, f) => n + f.size, 0);
  if (total > maxBytes) return { problem: t('submission.files.tooLarge', { total, max: maxBytes }) };
  const files: SubmissionFile[] = [];
  for (const file of chosen) {
    if (/\.zip$/i.test(file.name)) return { problem: t('submission.files.zipAlone', { name: file.name }) };
    const content = decode(file.name, new Uint8Array(await file.arrayBuffer()));
    if (typeof content !== 'string') return content;
    files.push({ name: file.name, content });
  }
  return { files };
}

async function readZip(zip: File, maxBytes: number): Promise<ChosenFiles> {
  // Loaded when a zip is chosen, not with the page.
  const { unzipSync } = await import('fflate');
  let total = 0;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(new Uint8Array(await zip.arrayBuffer()), {
      // Sizes as the archive declares them, before anything is inflated.
      filter: (entry) => {
        if (entry.name.endsWith('/') || isSkipped(entry.name)) return false;
        total += entry.originalSize;
        return total <= maxBytes;
      },
    });
  } catch (error) {
    return {
      problem: t('submission.files.notZip', {
        name: zip.name,
        reason: error instanceof Error ? error.message : String(error),
      }),
    };
  }
  if (total > maxBytes) return { problem: t('submission.files.zipTooLarge', { name: zip.name, max: maxBytes }) };
  const names = Object.keys(entries).sort();
  if (names.length === 0) return { problem: t('submission.files.emptyZip', { name: zip.name }) };
  const top = names[0].split('/')[0];
  const oneFolder = names.every((n) => n.startsWith(`${top}/`));
  const files: SubmissionFile[] = [];
  for (const name of names) {
    const content = decode(name, entries[name]);
    if (typeof content !== 'string') return content;
    files.push({ name: oneFolder ? name.slice(top.length + 1) : name, content });
  }
  return { files };
}

/** macOS metadata and hidden names (`.DS_Store`, `.git/`); `..` is kept, for the name rules to refuse it by name. */
function isSkipped(name: string): boolean {
  return name.startsWith('__MACOSX/') || name.split('/').some((part) => /^\.(?!\.?$)/.test(part));
}

function decode(name: string, data: Uint8Array): string | { problem: string } {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return { problem: t('submission.files.notText', { name }) };
  }
}
