import { useState } from 'react';
import { useT } from '../i18n/i18n-provider';

/**
 * A file input that looks like the UI's buttons (styles.css `.file-button`): its text, then the chosen file's name
 * (or "No file chosen"), never the browser's own unstyled control. `label` names the input for assistive
 * technology and tests.
 */
export function FileButton({
  text,
  label,
  onFiles,
  accept,
  multiple = false,
  disabled = false,
  small = false,
  showChosen = true,
}: {
  text: string;
  label: string;
  onFiles: (files: File[]) => void;
  accept?: string;
  multiple?: boolean;
  disabled?: boolean;
  small?: boolean;
  /** Whether the chosen file's name is shown beside the button. */
  showChosen?: boolean;
}) {
  const t = useT();
  const [chosen, setChosen] = useState<string | null>(null);
  return (
    <span className="file-choice">
      <label className={`file-button${small ? ' button-small' : ''}${disabled ? ' is-disabled' : ''}`}>
        <span aria-hidden="true">{text}</span>
        <input
          type="file"
          aria-label={label}
          accept={accept}
          multiple={multiple}
          disabled={disabled}
          onChange={(event) => {
            const files = [...(event.target.files ?? [])];
            event.target.value = '';
            if (files.length === 0) return;
            setChosen(files.length === 1 ? files[0].name : t('setter.file.chosenMany', { count: files.length }));
            onFiles(files);
          }}
        />
      </label>
      {showChosen && <span className="file-chosen muted">{chosen ?? t('setter.file.none')}</span>}
    </span>
  );
}
