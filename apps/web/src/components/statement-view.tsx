import { useEffect, useMemo, useRef, useState } from 'react';
import 'katex/dist/katex.min.css';
import type { StatementFilesView } from '@judge/contract';
import { download, fetchFile } from '../api/client';
import { ErrorMessage } from './error-message';
import { renderStatement } from './markdown';
import { useT } from '../i18n/i18n-provider';

/**
 * Shows the statement's images: each is fetched with the session's token (the API serves a problem's files by the
 * problem's rules) and shown from a blob URL, released when the statement goes.
 */
function loadImages(root: HTMLElement, figure: (name: string) => string): () => void {
  const controller = new AbortController();
  const urls: string[] = [];
  for (const image of root.querySelectorAll<HTMLImageElement>('img[data-statement-src]')) {
    const path = image.dataset.statementSrc ?? '';
    fetchFile(path, controller.signal)
      .then((response) => response.blob())
      .then((blob) => {
        if (controller.signal.aborted) return;
        const url = URL.createObjectURL(blob);
        urls.push(url);
        image.src = url;
      })
      .catch(() => {
        if (!controller.signal.aborted) image.alt = figure(decodeURIComponent(path.split('/').pop() ?? ''));
      });
  }
  return () => {
    controller.abort();
    for (const url of urls) URL.revokeObjectURL(url);
  };
}

/** The rendered statement; a chunk of its own with marked, KaTeX and DOMPurify (see statement.tsx). */
export default function StatementView({
  source,
  label,
  files,
}: {
  source: string;
  label: string;
  files?: StatementFilesView;
}) {
  const t = useT();
  const html = useMemo(() => renderStatement(source, files), [source, files]);
  const article = useRef<HTMLElement>(null);
  const [downloadError, setDownloadError] = useState<unknown>(null);

  useEffect(() => {
    const root = article.current;
    if (!root) return undefined;
    const stopImages = loadImages(root, (name) => t('problem.figure', { name }));
    // Links to the statement's files download with the token, as the images load.
    const onClick = (event: MouseEvent) => {
      const link = (event.target as Element | null)?.closest?.('a[data-statement-download]');
      if (!link) return;
      event.preventDefault();
      setDownloadError(null);
      download(link.getAttribute('data-statement-download') ?? '', link.getAttribute('data-file-name') ?? 'file').catch(
        setDownloadError,
      );
    };
    root.addEventListener('click', onClick);
    return () => {
      root.removeEventListener('click', onClick);
      stopImages();
    };
  }, [html, t]);

  return (
    <>
      <article ref={article} className="statement" aria-label={label} dangerouslySetInnerHTML={{ __html: html }} />
      <ErrorMessage error={downloadError} title={t('problem.notDownloaded')} />
    </>
  );
}
