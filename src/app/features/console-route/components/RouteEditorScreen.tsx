import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { ConsoleProblem } from '../../../console/ConsoleProblem';
import { draftRecordsOf, useDraft } from '../../../console/draft';
import { useConsoleJurisdiction } from '../../../console/jurisdictions';
import { textIn } from '../../../console/text';
import '../../../components/editor/editor.css';
import { providerChoices } from '../model/providers';
import { RouteEditor } from './RouteEditor';

/** /admin/j/:jurisdictionId/route — the jurisdiction's action route (`?route=<id>` when it has several). */
export function RouteEditorScreen() {
  const { t, i18n } = useTranslation('console-editors');
  const { jurisdictionId = '' } = useParams();
  const [params] = useSearchParams();
  const jurisdiction = useConsoleJurisdiction(jurisdictionId);
  const { draft, error, reload } = useDraft(jurisdictionId);
  const providers = useMemo(() => (draft ? providerChoices(draftRecordsOf(draft, 'provider')) : []), [draft]);
  const routes = draft ? draftRecordsOf(draft, 'route') : [];
  const chosen = params.get('route');
  const record = chosen ? routes.find((route) => route.key === `route/${chosen}`) : routes[0];

  return (
    <section aria-labelledby="route-editor-title" className="editor-screen">
      <h1 id="route-editor-title">{t('route.title')}</h1>
      {jurisdiction && !jurisdiction.canEdit && <p className="notice">{t('readOnly')}</p>}
      {error && <ConsoleProblem error={error} onRetry={() => void reload()} />}
      {!draft && !error && <p className="loading">{t('loading')}</p>}
      {draft && routes.length > 1 && (
        <nav aria-label={t('route.routes')}>
          <ul className="link-list">
            {routes.map((route) => {
              const id = route.key.replace(/^route\//, '');
              const title = textIn(route.body.title as Record<string, unknown> | undefined, i18n.language) || id;
              return (
                <li key={route.key}>
                  <Link to={`?route=${encodeURIComponent(id)}`} aria-current={route === record ? 'page' : undefined}>
                    {title}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
      )}
      {draft && chosen && !record && <p className="notice">{t('route.notInDraft')}</p>}
      {draft && (record || !chosen) && (
        <RouteEditor
          key={`${jurisdictionId}/${chosen ?? ''}`}
          jurisdictionId={jurisdictionId}
          record={record ?? null}
          providers={providers}
          canEdit={jurisdiction?.canEdit ?? false}
          onSaved={() => void reload()}
        />
      )}
    </section>
  );
}
