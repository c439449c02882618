import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useHandbookStore } from '../../../handbook/hooks';
import { connect } from '../../../sync/connection';
import {
  EnrolmentError,
  type EnrolmentFailure,
  normaliseEnrolmentCode,
  redeemEnrolmentCode,
} from '../../../sync/enrolment';
import { useSyncEngine } from '../../../sync/registry';

type Progress =
  | { step: 'idle' }
  | { step: 'working' }
  | { step: 'failed'; failure: EnrolmentFailure }
  | { step: 'done'; jurisdictionId: string; synced: boolean };

/**
 * Enrols this phone in a jurisdiction with the one-time code a coordinator gave (typed, or
 * prefilled from the QR code's `?code=`), then fetches the handbook with its confidential
 * services right away.
 */
export function EnrolScreen() {
  const { t } = useTranslation();
  const { db } = useHandbookStore();
  const engine = useSyncEngine();
  const [params] = useSearchParams();
  const [code, setCode] = useState(params.get('code') ?? '');
  const [progress, setProgress] = useState<Progress>({ step: 'idle' });

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!db) return;
    if (!normaliseEnrolmentCode(code)) return setProgress({ step: 'failed', failure: 'invalid' });
    setProgress({ step: 'working' });
    try {
      const enrolment = await redeemEnrolmentCode(db, code, connect());
      const outcome = await engine?.syncJurisdiction(enrolment.jurisdictionId);
      setProgress({
        step: 'done',
        jurisdictionId: enrolment.jurisdictionId,
        synced: outcome?.status === 'updated' || outcome?.status === 'up-to-date',
      });
    } catch (error) {
      if (!(error instanceof EnrolmentError)) throw error;
      // The server's own words are English and for whoever debugs; the worker reads enrol.error.*.
      if (error.serverMessage) console.warn(error.message);
      setProgress({ step: 'failed', failure: error.failure });
    }
  };

  return (
    <section className="screen" aria-labelledby="enrol-title">
      <h1 id="enrol-title">{t('enrol.title')}</h1>
      <p>{t('enrol.explain')}</p>
      {!db ? (
        <p className="notice">{t('enrol.noStorage')}</p>
      ) : (
        <form onSubmit={(e) => void onSubmit(e)} className="search-form" noValidate>
          <label htmlFor="enrol-code">{t('enrol.codeLabel')}</label>
          <input
            id="enrol-code"
            type="text"
            autoComplete="one-time-code"
            autoCapitalize="characters"
            spellCheck={false}
            value={code}
            aria-describedby="enrol-code-hint"
            onChange={(e) => setCode(e.target.value)}
          />
          <p id="enrol-code-hint" className="hint">
            {t('enrol.codeHint')}
          </p>
          <button type="submit" className="action action-primary" disabled={progress.step === 'working'}>
            {t('enrol.submit')}
          </button>
        </form>
      )}
      <div role="status" aria-live="polite">
        {progress.step === 'working' && <p>{t('enrol.working')}</p>}
        {progress.step === 'done' && (
          <p>
            {t(progress.synced ? 'enrol.done' : 'enrol.doneNotSynced')}{' '}
            <Link to={`/j/${progress.jurisdictionId}`}>{t('enrol.open')}</Link>
          </p>
        )}
      </div>
      {progress.step === 'failed' && (
        <p className="notice" role="alert">
          {t(`enrol.error.${progress.failure}`)}
        </p>
      )}
    </section>
  );
}
