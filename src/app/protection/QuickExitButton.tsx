import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useProtection } from './ProtectionProvider';
import './quick-exit.css';

/** Escape pressed this many times within PRESSES_WITHIN_MS is quick exit, for a worker at a keyboard. */
const PRESSES = 3;
const PRESSES_WITHIN_MS = 1_500;

/** The quick-exit control, in the top bar of every screen. */
export function QuickExitButton() {
  const { t } = useTranslation();
  const { quickExit } = useProtection();

  useEffect(() => {
    let presses: number[] = [];
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      const now = event.timeStamp;
      presses = [...presses.filter((at) => now - at < PRESSES_WITHIN_MS), now];
      if (presses.length < PRESSES) return;
      // Left to the browser, this Escape would stop the navigation quick exit starts.
      event.preventDefault();
      quickExit();
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [quickExit]);

  return (
    <button type="button" className="quick-exit" onClick={quickExit}>
      {t('app.quickExit')}
    </button>
  );
}
