import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Provider } from '../../../../core/handbook/schema';
import { FIELD_REPORT_PROBLEMS, type FieldReportProblem } from '../../../../core/sync/protocol';
import { ChoiceGroup } from '../../../components/ChoiceGroup';
import { useHandbookStore } from '../../../handbook/hooks';
import { queueFieldReport, REPORT_DETAILS_MAX } from '../../../sync/outbox';
import { useSyncEngine } from '../../../sync/registry';

/**
 * "Report a problem" with a provider's details: what is wrong, and for "other" in the
 * worker's words. Saved on the phone and sent when there is a connection. It carries no
 * personal data: only the provider, the problem and this device's random id.
 */
export function ReportProblem({
  jurisdictionId,
  provider,
  releaseNumber,
}: {
  jurisdictionId: string;
  provider: Pick<Provider, 'id' | 'name'>;
  releaseNumber: number;
}) {
  const { t } = useTranslation();
  const { db } = useHandbookStore();
  const engine = useSyncEngine();
  const [open, setOpen] = useState(false);
  const [problem, setProblem] = useState<FieldReportProblem | undefined>();
  const [details, setDetails] = useState('');
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState(false);
  if (!db) return null;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!problem) return setError(t('report.choose'));
    if (problem === 'other' && details.trim() === '') return setError(t('report.describe'));
    await queueFieldReport(
      db,
      { jurisdictionId, providerId: provider.id, releaseNumber, problem, details: details.trim() },
      new Date(),
      provider.name,
    );
    setSaved(true);
    setOpen(false);
    setProblem(undefined);
    setDetails('');
    setError(undefined);
    void engine?.flushOutbox().catch(console.error);
  };

  return (
    <section className="report-problem" aria-labelledby="report-title">
      <h2 id="report-title">{t('report.title')}</h2>
      <p role="status" aria-live="polite">
        {saved ? t('report.saved') : ''}
      </p>
      {!open ? (
        <button
          type="button"
          className="action"
          onClick={() => {
            setOpen(true);
            setSaved(false);
          }}
        >
          {t('report.open')}
        </button>
      ) : (
        <form onSubmit={(e) => void onSubmit(e)} noValidate>
          <ChoiceGroup
            legend={t('report.whatIsWrong')}
            name="problem"
            options={FIELD_REPORT_PROBLEMS}
            chosen={problem}
            onChoose={setProblem}
            label={(choice) => <span>{t(`report.problem.${choice}`)}</span>}
          />
          <label htmlFor="report-details">{t(problem === 'other' ? 'report.detailsRequired' : 'report.details')}</label>
          <textarea
            id="report-details"
            value={details}
            maxLength={REPORT_DETAILS_MAX}
            rows={3}
            aria-describedby="report-privacy"
            aria-invalid={error ? true : undefined}
            onChange={(e) => setDetails(e.target.value)}
          />
          <p id="report-privacy" className="hint">
            {t('report.privacy')} {t('report.remaining', { count: REPORT_DETAILS_MAX - details.length })}
          </p>
          {error && (
            <p className="notice" role="alert">
              {error}
            </p>
          )}
          <div className="actions">
            <button type="submit" className="action action-primary">
              {t('report.submit')}
            </button>
            <button type="button" className="action" onClick={() => setOpen(false)}>
              {t('report.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
