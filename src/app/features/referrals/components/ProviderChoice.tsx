import { useTranslation } from 'react-i18next';
import type { ProviderBody } from '../../../../core/release/records';
import type { ProviderFit } from '../../../../core/route-engine/types';
import { useLocalize } from '../../../components/useLocalize';

export interface ProviderOption {
  provider: ProviderBody;
  /** null: the worker came with a provider the engine did not suggest for this step (from the directory). */
  fit: ProviderFit | null;
}

interface Props {
  options: ProviderOption[];
  chosenId: string | undefined;
  onChoose: (providerId: string) => void;
}

/** The providers that fit the step, as a choice, each with why it fits. */
export function ProviderChoice({ options, chosenId, onChoose }: Props) {
  const { t } = useTranslation('referrals');
  const localize = useLocalize();
  return (
    <fieldset className="choices referral-providers" aria-describedby="provider-hint">
      <legend>{t('form.provider')}</legend>
      <p id="provider-hint" className="hint">
        {t('form.providerHint')}
      </p>
      {options.map(({ provider, fit }) => (
        <label key={provider.id} className="referral-option">
          <input
            type="radio"
            name="provider"
            value={provider.id}
            checked={chosenId === provider.id}
            onChange={() => onChoose(provider.id)}
          />
          <span>
            <span className="referral-option-title">{localize(provider.name)}</span>
            {fit ? <FitChips fit={fit} /> : <span className="chips">{chip(t('fit.chosen'))}</span>}
          </span>
        </label>
      ))}
    </fieldset>
  );
}

function chip(text: string, className = 'chip') {
  return (
    <span key={text} className={className}>
      {text}
    </span>
  );
}

function FitChips({ fit }: { fit: ProviderFit }) {
  const { t, i18n } = useTranslation('referrals');
  const km = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  return (
    <span className="chips">
      {fit.responsible && chip(t('fit.responsible'))}
      {fit.specialised && chip(t('fit.specialised'))}
      {fit.service && chip(t('fit.service'))}
      {fit.openNow === true && chip(t('fit.open'), 'chip status-open')}
      {fit.openNow === false && chip(t('fit.closed'), 'chip status-closed')}
      {fit.openNow === null && chip(t('fit.noHours'))}
      {fit.population && chip(t('fit.population'))}
      {/* Every provider "speaks" an unknown language: only a known mismatch is worth saying. */}
      {!fit.language && chip(t('fit.noLanguage'), 'chip badge-warning')}
      {fit.distanceKm !== null && chip(t('fit.distance', { km: km.format(fit.distanceKm) }))}
    </span>
  );
}
