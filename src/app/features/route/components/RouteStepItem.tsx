import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Provider, RouteStep } from '../../../../core/handbook/schema';
import { ContactActions } from '../../../components/ContactActions';
import { useLocalize } from '../../../components/useLocalize';

interface Props {
  step: RouteStep;
  responsible: Provider[];
  jurisdictionId: string;
}

/** A route step, collapsed to its title until the worker opens it. */
export function RouteStepItem({ step, responsible, jurisdictionId }: Props) {
  const { t } = useTranslation();
  const localize = useLocalize();
  // A closed step's body is built when the worker opens it: the route screen is the first
  // screen on a slow phone, and most of its steps stay closed.
  const [open, setOpen] = useState(false);
  const required = step.conditions?.all ?? [];
  const excluded = step.conditions?.none ?? [];
  return (
    <li className="step">
      <details onToggle={(event) => setOpen(event.currentTarget.open)}>
        <summary>
          <span className="step-title">{localize(step.title)}</span>
          {(required.length > 0 || excluded.length > 0) && (
            <span className="conditions">
              {required.map((fact) => (
                <span key={fact} className="chip">
                  {t('route.onlyIf', { condition: t(`caseFact.${fact}`) })}
                </span>
              ))}
              {excluded.map((fact) => (
                <span key={fact} className="chip">
                  {t('route.unless', { condition: t(`caseFact.${fact}`) })}
                </span>
              ))}
            </span>
          )}
        </summary>
        {open && (
          <div className="step-body">
            <p>{localize(step.action)}</p>
            <dl>
              {step.timeframe && (
                <>
                  <dt>{t('route.timeframe')}</dt>
                  <dd>{localize(step.timeframe)}</dd>
                </>
              )}
              {step.legalBasis && (
                <>
                  <dt>{t('route.legalBasis')}</dt>
                  <dd>{localize(step.legalBasis)}</dd>
                </>
              )}
            </dl>
            {responsible.length > 0 && (
              <>
                <h3>{t('route.responsible')}</h3>
                <ul className="responsible">
                  {responsible.map((provider) => (
                    <li key={provider.id}>
                      <Link to={`/j/${jurisdictionId}/providers/${provider.id}`}>{localize(provider.name)}</Link>
                      <ContactActions provider={provider} />
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
        )}
      </details>
    </li>
  );
}
