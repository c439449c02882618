import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useHandbookStore } from '../../handbook/hooks';
import { wipeDevice } from '../wipe';
import { Heading, type HeadingLevel } from './Heading';
import './protection.css';

/** "Wipe this device", asked twice in plain words: it erases every record of the worker's. */
export function WipeDevice({ level }: { level?: HeadingLevel }) {
  const { t, i18n } = useTranslation('protection');
  const { db } = useHandbookStore();
  const id = useId();
  const [confirming, setConfirming] = useState(false);
  const [state, setState] = useState<'ready' | 'wiping' | 'failed'>('ready');
  const question = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (confirming) question.current?.focus();
  }, [confirming]);

  const wipe = async () => {
    setState('wiping');
    try {
      await wipeDevice(db, i18n.language);
    } catch (error) {
      console.error('The device could not be wiped', error);
      setState('failed');
    }
  };

  return (
    <div className="wipe-device">
      {level && <Heading level={level}>{t('wipe.title')}</Heading>}
      <p>{t('wipe.explain')}</p>
      {confirming ? (
        <div>
          <p id={`${id}-question`} ref={question} tabIndex={-1}>
            <strong>{t('wipe.confirm')}</strong>
          </p>
          <div className="actions">
            <button
              type="button"
              className="action action-danger"
              onClick={() => void wipe()}
              disabled={state === 'wiping'}
            >
              {state === 'wiping' ? t('wipe.wiping') : t('wipe.confirmButton')}
            </button>
            <button type="button" className="action" onClick={() => setConfirming(false)} disabled={state === 'wiping'}>
              {t('wipe.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className="action action-danger" onClick={() => setConfirming(true)}>
          {t('wipe.start')}
        </button>
      )}
      {state === 'failed' && (
        <p className="protection-problem" role="alert">
          {t('wipe.failed')}
        </p>
      )}
    </div>
  );
}
