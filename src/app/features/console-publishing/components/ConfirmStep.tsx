import { useEffect, useRef } from 'react';

interface Props {
  /** What will happen, said plainly. */
  question: string;
  confirm: string;
  cancel: string;
  working: boolean;
  onConfirm(): void;
  onCancel(): void;
}

/** A second, explicit step before something that cannot be undone in one click (discard, roll back). */
export function ConfirmStep({ question, confirm, cancel, working, onConfirm, onCancel }: Props) {
  const prompt = useRef<HTMLParagraphElement>(null);
  useEffect(() => prompt.current?.focus(), []);
  return (
    <div className="notice">
      <p id="confirm-question" ref={prompt} tabIndex={-1}>
        {question}
      </p>
      <div className="console-toolbar">
        <button type="button" className="action action-danger" disabled={working} onClick={onConfirm}>
          {confirm}
        </button>
        <button type="button" className="action" disabled={working} onClick={onCancel}>
          {cancel}
        </button>
      </div>
    </div>
  );
}
