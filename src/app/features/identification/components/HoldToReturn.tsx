import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Long enough that a person tapping answers never leaves by accident, short enough for a worker.
 * identification.css fills the button over the same time.
 */
export const HOLD_MS = 2_000;

/**
 * "Worker: return", which takes the phone back from the person: it acts only after being held
 * down (finger, mouse, or Enter/Space) for two seconds. Letting go earlier does nothing.
 * Written in the worker's language, and marked so, whatever language the person reads.
 */
export function HoldToReturn({ onReturn }: { onReturn: () => void }) {
  const { t, i18n } = useTranslation('identification');
  const hint = useId();
  const [holding, setHolding] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  const release = () => {
    clearTimeout(timer.current);
    setHolding(false);
  };
  const press = () => {
    clearTimeout(timer.current);
    setHolding(true);
    timer.current = setTimeout(() => {
      setHolding(false);
      onReturn();
    }, HOLD_MS);
  };
  useEffect(() => () => clearTimeout(timer.current), []);

  const isHoldKey = (event: KeyboardEvent) => event.key === 'Enter' || event.key === ' ';

  return (
    <div className="hold-to-return" lang={i18n.language}>
      <button
        type="button"
        className={holding ? 'action hold-button holding' : 'action hold-button'}
        aria-describedby={hint}
        onPointerDown={press}
        onPointerUp={release}
        onPointerLeave={release}
        onPointerCancel={release}
        onContextMenu={(event) => event.preventDefault()}
        onKeyDown={(event) => {
          if (!isHoldKey(event)) return;
          event.preventDefault();
          if (!event.repeat) press();
        }}
        onKeyUp={(event) => isHoldKey(event) && release()}
        onBlur={release}
      >
        <span className="hold-fill" aria-hidden="true" />
        <span className="hold-label">{t('person.return')}</span>
      </button>
      <p id={hint} className="hold-hint">
        {t('person.returnHint')}
      </p>
    </div>
  );
}
