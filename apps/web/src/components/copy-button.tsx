import { useEffect, useState } from 'react';
import { useT } from '../i18n/i18n-provider';

/** Copies text to the clipboard and says so for a moment. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const t = useT();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 1500);
    return () => clearTimeout(timer);
  }, [state]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  };

  return (
    <button type="button" className="button-small" aria-label={label} onClick={() => void copy()}>
      {state === 'copied'
        ? t('submission.copied')
        : state === 'failed'
          ? t('submission.copyFailed')
          : t('submission.copy')}
    </button>
  );
}
