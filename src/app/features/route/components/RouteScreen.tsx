import { useTranslation } from 'react-i18next';
import { useLocalize } from '../../../components/useLocalize';
import { usePhoneDisplay } from '../../../components/usePhoneDisplay';
import { useCurrentHandbook } from '../../../handbook/hooks';
import { RouteStepItem } from './RouteStepItem';

/** The jurisdiction's action route, stage by stage, with emergency numbers first. */
export function RouteScreen() {
  const { t } = useTranslation();
  const localize = useLocalize();
  const phoneDisplay = usePhoneDisplay();
  const { jurisdiction, routes, providers } = useCurrentHandbook();
  const providersById = new Map(providers.map((p) => [p.id, p]));

  return (
    <section className="screen" aria-labelledby="route-title">
      <p className="eyebrow">{localize(jurisdiction.name)}</p>
      <section className="emergency" aria-labelledby="emergency-title">
        <h2 id="emergency-title">{t('route.emergencyNumbers')}</h2>
        <ul className="actions">
          {jurisdiction.emergencyNumbers.map((emergency) => (
            <li key={emergency.number}>
              <a className="action action-danger" href={`tel:${emergency.number}`}>
                {localize(emergency.label)} · {phoneDisplay(emergency.number)}
              </a>
            </li>
          ))}
        </ul>
      </section>
      {routes.map((route, r) => (
        <article key={route.id} className="route">
          <h1 id={r === 0 ? 'route-title' : undefined}>{localize(route.title)}</h1>
          <p>{localize(route.summary)}</p>
          {route.principles.length > 0 && (
            <details className="principles">
              <summary>{t('route.principles')}</summary>
              <ul>
                {route.principles.map((principle) => (
                  <li key={principle.es}>{localize(principle)}</li>
                ))}
              </ul>
            </details>
          )}
          <ol className="stages">
            {route.stages.map((stage, index) => (
              <li key={stage.id} className="stage">
                <h2>
                  <span className="stage-number">{t('route.stageNumber', { number: index + 1 })}</span>{' '}
                  {localize(stage.title)}
                </h2>
                {stage.summary && <p>{localize(stage.summary)}</p>}
                <ul className="steps">
                  {stage.steps.map((step) => (
                    <RouteStepItem
                      key={step.id}
                      step={step}
                      responsible={step.responsible.flatMap((id) => providersById.get(id) ?? [])}
                      jurisdictionId={jurisdiction.id}
                    />
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        </article>
      ))}
    </section>
  );
}
