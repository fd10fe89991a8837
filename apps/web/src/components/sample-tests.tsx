import type { SampleView } from '@judge/contract';
import { useT } from '../i18n/i18n-provider';
import { CopyButton } from './copy-button';

/** The sample tests of a problem: input and expected output side by side, each with a copy button. */
export function SampleTests({ samples }: { samples: SampleView[] }) {
  const t = useT();
  if (samples.length === 0) return null;
  return (
    <section className="samples" aria-label={t('submission.sampleTests')}>
      <h2>{t('submission.samples')}</h2>
      {samples.map((sample, i) => {
        const name = sample.name.replace(/^sample\//, '');
        const title = name
          ? t('submission.sampleTitleNamed', { number: i + 1, name })
          : t('submission.sampleTitle', { number: i + 1 });
        return (
          <div className="sample" key={sample.name || i}>
            <h3>{title}</h3>
            <div className="io-grid io-grid-2">
              <IoPane
                title={t('submission.input')}
                text={sample.input}
                copyLabel={t('submission.copyInput', { name: title })}
              />
              <IoPane
                title={t('submission.output')}
                text={sample.answer}
                copyLabel={t('submission.copyOutput', { name: title })}
              />
            </div>
          </div>
        );
      })}
    </section>
  );
}

export function IoPane({
  title,
  text,
  copyLabel,
  className,
}: {
  title: string;
  text: string;
  copyLabel?: string;
  className?: string;
}) {
  const t = useT();
  return (
    <figure className={`io-pane ${className ?? ''}`}>
      <figcaption>
        <span>{title}</span>
        {copyLabel && <CopyButton text={text} label={copyLabel} />}
      </figcaption>
      <pre>{text === '' ? <span className="muted">{t('submission.empty')}</span> : text}</pre>
    </figure>
  );
}
