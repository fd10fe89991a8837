import { useState, type DragEvent } from 'react';
import { useT } from '../i18n/i18n-provider';
import { FileButton } from './file-button';

/** A zone to drop a problem package zip on, with a file input (labelled "Problem package") for the same. */
export function PackageDrop({ onFile, disabled = false }: { onFile: (file: File) => void; disabled?: boolean }) {
  const t = useT();
  const [dragging, setDragging] = useState(false);

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file && !disabled) onFile(file);
  };

  return (
    <div
      className={`dropzone${dragging ? ' dragging' : ''}`}
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <p>{t('setter.drop.text')}</p>
      <FileButton
        text={t('setter.drop.choose')}
        label={t('setter.drop.label')}
        accept=".zip,application/zip"
        disabled={disabled}
        showChosen={false}
        onFiles={([file]) => onFile(file)}
      />
    </div>
  );
}
