import type { SampleView } from '@judge/contract';
import { CopyButton } from './copy-button';

function sampleTitle(name: string, index: number): string {
  return `Sample ${index + 1}${name ? ` (${name.replace(/^sample\//, '')})` : ''}`;
}

/** The sample tests of a problem: input and expected output side by side, each with a copy button. */
export function SampleTests({ samples }: { samples: SampleView[] }) {
  if (samples.length === 0) return null;
  return (
    <section className="samples" aria-label="Sample tests">
      <h2>Samples</h2>
      {samples.map((sample, i) => {
        const title = sampleTitle(sample.name, i);
        return (
          <div className="sample" key={sample.name || i}>
            <h3>{title}</h3>
            <div className="io-grid io-grid-2">
              <IoPane title="Input" text={sample.input} copyLabel={`Copy input of ${title}`} />
              <IoPane title="Output" text={sample.answer} copyLabel={`Copy output of ${title}`} />
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
  return (
    <figure className={`io-pane ${className ?? ''}`}>
      <figcaption>
        <span>{title}</span>
        {copyLabel && <CopyButton text={text} label={copyLabel} />}
      </figcaption>
      <pre>{text === '' ? <span className="muted">(empty)</span> : text}</pre>
    </figure>
  );
}
