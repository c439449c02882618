import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { type CaseFile, REFERRAL_URGENCIES, type ReferralUrgency } from '../../../../core/case/model';
import { consentRule } from '../../../../core/referral/consent';
import { referralFor } from '../../../../core/referral/referral';
import { suggestedUrgency } from '../../../../core/referral/urgency';
import type { AdaptedStep } from '../../../../core/route-engine/types';
import { saveReferral } from '../../../cases/case-store';
import { useCaseFile } from '../../../cases/hooks';
import { useCaseRoute } from '../../../cases/useCaseRoute';
import { useLocalize } from '../../../components/useLocalize';
import { useWorkerPosition } from '../../../components/useWorkerPosition';
import { useCurrentHandbook } from '../../../handbook/hooks';
import { useVault } from '../../../protection/ProtectionProvider';
import { ProviderChoice, type ProviderOption } from './ProviderChoice';
import './referrals.css';
import { ChoiceGroup } from '../../../components/ChoiceGroup';

/** `cases/:caseId/refer/:stepId?provider=<id>`: a referral with the person's consent (or a child's mandatory one). */
export function ReferralFormScreen() {
  const { t } = useTranslation('referrals');
  const { caseId = '', stepId = '' } = useParams();
  const [search] = useSearchParams();
  const { jurisdiction } = useCurrentHandbook();
  const file = useCaseFile(caseId);
  if (file === undefined) return <p className="loading">{t('form.loading')}</p>;
  if (file === null || file.jurisdictionId !== jurisdiction.id) {
    return (
      <section className="screen" aria-labelledby="referral-form-title">
        <h1 id="referral-form-title">{t('form.noCase')}</h1>
        <Link className="action" to={`/j/${jurisdiction.id}/cases`}>
          {t('list.cases')}
        </Link>
      </section>
    );
  }
  return <ReferralForm key={`${file.id}/${stepId}`} file={file} stepId={stepId} requested={search.get('provider')} />;
}

function ReferralForm({ file, stepId, requested }: { file: CaseFile; stepId: string; requested: string | null }) {
  const { t } = useTranslation('referrals');
  const handbook = useCurrentHandbook();
  const [now] = useState(() => new Date());
  const [position, locate] = useWorkerPosition();
  const caseRoute = useCaseRoute(file, handbook, now, position.status === 'on' ? position.position : undefined);
  const step = caseRoute?.adapted.steps.find((s) => s.stepId === stepId);
  const caseLink = `/j/${handbook.jurisdiction.id}/cases/${file.id}`;

  if (!caseRoute || !step) {
    return (
      <section className="screen" aria-labelledby="referral-form-title">
        <h1 id="referral-form-title">{t('form.title', { code: file.caseCode })}</h1>
        <p className="notice">{t(caseRoute ? 'form.noStep' : 'form.noRoute')}</p>
        <Link className="action" to={caseLink}>
          {t('form.backToCase')}
        </Link>
      </section>
    );
  }

  const providersById = new Map(handbook.providers.map((p) => [p.id, p]));
  const options: ProviderOption[] = step.providers.flatMap((fit) => {
    const provider = providersById.get(fit.providerId);
    return provider ? [{ provider, fit }] : [];
  });
  const requestedProvider = requested ? providersById.get(requested) : undefined;
  if (requestedProvider && !options.some((o) => o.provider.id === requestedProvider.id)) {
    options.unshift({ provider: requestedProvider, fit: null });
  }

  return (
    <section className="screen referral-form" aria-labelledby="referral-form-title">
      <p className="eyebrow">{t('form.step')}</p>
      <h1 id="referral-form-title">{t('form.title', { code: file.caseCode })}</h1>
      <StepSummary step={step} />
      {options.length === 0 ? (
        <>
          <p className="notice">{t('form.noProvider')}</p>
          <div className="actions">
            <Link className="action" to={`/j/${handbook.jurisdiction.id}/providers`}>
              {t('form.directory')}
            </Link>
            <Link className="action" to={caseLink}>
              {t('form.backToCase')}
            </Link>
          </div>
        </>
      ) : (
        <ReferralFields
          file={file}
          step={step}
          caseRoute={caseRoute}
          options={options}
          initialProviderId={requestedProvider?.id ?? options[0]?.provider.id}
          position={position.status}
          locate={locate}
          caseLink={caseLink}
        />
      )}
    </section>
  );
}

function StepSummary({ step }: { step: AdaptedStep }) {
  const { t } = useTranslation('referrals');
  const localize = useLocalize();
  return (
    <section className="referral-step" aria-labelledby="referral-step-title">
      <h2 id="referral-step-title">
        {step.step ? localize(step.step.title) : t(`cases:safeguard.${step.safeguard}.title`)}
      </h2>
      <p>{step.step ? localize(step.step.action) : t(`cases:safeguard.${step.safeguard}.action`)}</p>
    </section>
  );
}

interface FieldsProps {
  file: CaseFile;
  step: AdaptedStep;
  caseRoute: NonNullable<ReturnType<typeof useCaseRoute>>;
  options: ProviderOption[];
  initialProviderId: string | undefined;
  position: ReturnType<typeof useWorkerPosition>[0]['status'];
  locate: () => void;
  caseLink: string;
}

type Agreement = 'yes' | 'no' | undefined;

function ReferralFields({
  file,
  step,
  caseRoute,
  options,
  initialProviderId,
  position,
  locate,
  caseLink,
}: FieldsProps) {
  const { t } = useTranslation('referrals');
  const vault = useVault();
  const navigate = useNavigate();
  const rule = consentRule(caseRoute.route, caseRoute.adapted.facts);
  const suggestion = suggestedUrgency(step);
  const [providerId, setProviderId] = useState(initialProviderId);
  const [agreement, setAgreement] = useState<Agreement>();
  const [urgency, setUrgency] = useState<ReferralUrgency>(suggestion.urgency);
  const [notes, setNotes] = useState('');
  const [problem, setProblem] = useState<'consent' | 'failed'>();
  const [saving, setSaving] = useState(false);
  const consentRef = useRef<HTMLFieldSetElement>(null);
  const declined = rule === 'person_must_agree' && agreement === 'no';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const provider = options.find((o) => o.provider.id === providerId)?.provider;
    if (rule === 'person_must_agree' && agreement !== 'yes') {
      setProblem('consent');
      consentRef.current?.focus();
      return;
    }
    if (!provider) return;
    setSaving(true);
    setProblem(undefined);
    try {
      const referral = referralFor({
        id: crypto.randomUUID(),
        caseFile: file,
        route: caseRoute.route,
        adapted: caseRoute.adapted,
        step,
        provider,
        personAgreed: agreement === 'yes',
        urgency,
        notes: notes.trim(),
        now: new Date(),
      });
      await saveReferral(vault, referral);
      navigate(`/j/${file.jurisdictionId}/referrals/${referral.id}`);
    } catch (error) {
      console.error('The referral could not be saved', error);
      setProblem('failed');
      setSaving(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <ProviderChoice options={options} chosenId={providerId} onChoose={setProviderId} />
      {position === 'off' && options.some((o) => o.fit) && (
        <button type="button" className="action" onClick={locate}>
          {t('form.nearMe')}
        </button>
      )}
      {position === 'locating' && (
        <p className="hint" role="status">
          {t('form.locating')}
        </p>
      )}
      {(position === 'denied' || position === 'unavailable') && (
        <p className="hint" role="status">
          {t(position === 'denied' ? 'form.locationDenied' : 'form.locationUnavailable')}
        </p>
      )}

      {rule === 'mandatory_child' ? (
        <section className="notice referral-mandatory" aria-labelledby="mandatory-child-title">
          <h2 id="mandatory-child-title">{t('form.consent.mandatoryChildTitle')}</h2>
          <p>{t('form.consent.mandatoryChild')}</p>
        </section>
      ) : (
        <ChoiceGroup
          ref={consentRef}
          legend={t('form.consent.legend')}
          hint={t('form.consent.hint')}
          describedBy={problem === 'consent' ? 'consent-problem' : undefined}
          name="consent"
          options={['yes', 'no'] as const}
          chosen={agreement}
          onChoose={(answer) => {
            setAgreement(answer);
            setProblem(undefined);
          }}
          label={(answer) => t(`form.consent.${answer}`)}
        >
          {problem === 'consent' && (
            <p id="consent-problem" className="field-problem" role="alert">
              {t('form.consent.required')}
            </p>
          )}
        </ChoiceGroup>
      )}

      {declined ? (
        <>
          <p className="notice" role="status">
            {t('form.consent.declined')}
          </p>
          <Link className="action" to={caseLink}>
            {t('form.backToCase')}
          </Link>
        </>
      ) : (
        <>
          <ChoiceGroup
            legend={t('form.urgency.legend')}
            hint={t(`form.urgency.reason.${suggestion.reason}`)}
            name="urgency"
            options={REFERRAL_URGENCIES}
            chosen={urgency}
            onChoose={setUrgency}
            label={(option) => t(`urgency.${option}`)}
          />

          <label className="referral-notes" htmlFor="referral-notes">
            {t('form.notes.label')}
          </label>
          <p id="referral-notes-hint" className="hint">
            {t('form.notes.hint')}
          </p>
          <textarea
            id="referral-notes"
            rows={3}
            value={notes}
            onChange={(event) => setNotes(event.target.value)}
            aria-describedby="referral-notes-hint"
            autoComplete="off"
            spellCheck={false}
          />

          <p className="hint">{t('form.slipHint')}</p>
          {problem === 'failed' && (
            <p className="notice" role="alert">
              {t('form.failed')}
            </p>
          )}
          <button type="submit" className="action action-primary referral-create" disabled={saving}>
            {saving ? t('form.creating') : t('form.create')}
          </button>
        </>
      )}
    </form>
  );
}
