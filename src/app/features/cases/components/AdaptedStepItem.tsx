import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ProviderBody } from '../../../../core/release/records';
import type { AdaptedStep, ProviderFit } from '../../../../core/route-engine/types';
import { ContactActions } from '../../../components/ContactActions';
import { useLocalize } from '../../../components/useLocalize';

const FIRST_SHOWN = 3;

interface Props {
  adapted: AdaptedStep;
  providersById: ReadonlyMap<string, ProviderBody>;
  referBase: string;
  jurisdictionId: string;
}

/** One step of this case's route, with the providers that fit it and a way to refer to each. */
export function AdaptedStepItem({ adapted, providersById, referBase, jurisdictionId }: Props) {
  const { t } = useTranslation('cases');
  const localize = useLocalize();
  const [showAll, setShowAll] = useState(false);
  const { step, safeguard } = adapted;
  const title = step ? localize(step.title) : t(`safeguard.${safeguard}.title`);
  const action = step ? localize(step.action) : t(`safeguard.${safeguard}.action`);
  const fits = adapted.providers.filter((fit) => providersById.has(fit.providerId));
  const shown = showAll ? fits : fits.slice(0, FIRST_SHOWN);

  return (
    <li className="step adapted-step" aria-labelledby={`step-${adapted.stepId}`}>
      <p className="eyebrow">{localize(adapted.stageTitle)}</p>
      <h3 id={`step-${adapted.stepId}`} className="step-title">
        {title}
      </h3>
      {safeguard && <p className="chip">{t('safeguard.added')}</p>}
      <p>{action}</p>
      {step?.timeframe && (
        <p className="hint">
          {t('step.timeframe')} {localize(step.timeframe)}
        </p>
      )}
      {fits.length === 0 ? (
        <p className="hint">{t('step.noProvider')}</p>
      ) : (
        <ul className="step-providers">
          {shown.map((fit) => {
            const provider = providersById.get(fit.providerId) as ProviderBody;
            const name = localize(provider.name);
            return (
              <li key={fit.providerId} className="step-provider">
                <Link to={`/j/${jurisdictionId}/providers/${provider.id}`} className="provider-name">
                  {name}
                </Link>
                <FitBadges fit={fit} />
                <ContactActions provider={provider} />
                <Link
                  className="action action-primary"
                  to={`${referBase}/${adapted.stepId}?provider=${encodeURIComponent(provider.id)}`}
                  aria-label={t('step.referTo', { name })}
                >
                  {t('step.refer')}
                </Link>
              </li>
            );
          })}
        </ul>
      )}
      {fits.length > FIRST_SHOWN && (
        <button type="button" className="action show-more" onClick={() => setShowAll(!showAll)}>
          {showAll ? t('step.showFewer') : t('step.showAll', { count: fits.length })}
        </button>
      )}
    </li>
  );
}

function FitBadges({ fit }: { fit: ProviderFit }) {
  const { t, i18n } = useTranslation('cases');
  const km = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  return (
    <p className="chips fit">
      {fit.responsible && <span className="chip">{t('fit.responsible')}</span>}
      {fit.openNow === true && <span className="chip status-open">{t('fit.open')}</span>}
      {fit.openNow === false && <span className="chip status-closed">{t('fit.closed')}</span>}
      {fit.openNow === null && <span className="chip">{t('fit.noHours')}</span>}
      {fit.population && <span className="chip">{t('fit.population')}</span>}
      {!fit.language && <span className="chip badge-warning">{t('fit.noLanguage')}</span>}
      {fit.distanceKm !== null && <span className="chip">{t('fit.distance', { km: km.format(fit.distanceKm) })}</span>}
    </p>
  );
}
