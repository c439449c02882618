import { type MouseEvent, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Route, Routes, useNavigate, useParams } from 'react-router';
import { NotFound } from '../components/NotFound';
import { ChecklistScreen } from '../features/checklists/components/ChecklistScreen';
import { ChecklistsScreen } from '../features/checklists/components/ChecklistsScreen';
import { DirectoryScreen } from '../features/providers/components/DirectoryScreen';
import { ProviderDetailScreen } from '../features/providers/components/ProviderDetailScreen';
import { RouteScreen } from '../features/route/components/RouteScreen';
import { CurrentHandbookProvider, HandbookStoreProvider } from '../handbook/hooks';
import { MemoryHandbookStore } from '../handbook/memory-store';
import type { JurisdictionHandbook } from '../handbook/types';
import { ConsoleProblem } from './ConsoleProblem';
import { useDraft } from './draft';
import { draftContent, previewHandbook } from './draft-handbook';

/**
 * /admin/j/:jurisdictionId/preview/*: the draft exactly as a field worker will see it — the
 * field app's own screens, fed the draft's records as an enrolled phone would receive them.
 * They run over an empty in-memory store without a device database, so nothing can be
 * reported or saved from here, and their links (/j/…) are kept inside the preview.
 */
export function DraftPreview() {
  const { t } = useTranslation('console');
  const { jurisdictionId = '' } = useParams();
  const navigate = useNavigate();
  const { draft, error, reload } = useDraft(jurisdictionId);
  const [preview, setPreview] = useState<JurisdictionHandbook>();
  const content = useMemo(() => (draft ? draftContent(draft) : undefined), [draft]);
  const store = useMemo(() => ({ store: new MemoryHandbookStore([]) }), []);
  const base = `/admin/j/${encodeURIComponent(jurisdictionId)}/preview`;

  useEffect(() => {
    if (!content?.handbook || !draft) return;
    let current = true;
    previewHandbook(content.handbook, (draft.latestRelease ?? 0) + 1)
      .then((handbook) => current && setPreview(handbook))
      .catch((problem) => console.error('The preview could not be built', problem));
    return () => {
      current = false;
    };
  }, [content, draft]);

  /** A field screen's link to /j/<id>/… opens the same screen of the preview instead. */
  const keepInside = (event: MouseEvent<HTMLDivElement>) => {
    const link = (event.target as Element).closest('a');
    const href = link?.getAttribute('href');
    const fieldBase = `/j/${jurisdictionId}`;
    if (!href || !(href === fieldBase || href.startsWith(`${fieldBase}/`) || href.startsWith(`${fieldBase}?`))) return;
    event.preventDefault();
    navigate(`${base}${href.slice(fieldBase.length)}`);
  };

  return (
    <section aria-labelledby="preview-title">
      <h1 id="preview-title">{t('preview.title')}</h1>
      <p>{t('preview.explain')}</p>
      <nav aria-label={t('preview.sections')} className="console-toolbar">
        <NavLink className="action" to={base} end>
          {t('preview.route')}
        </NavLink>
        <NavLink className="action" to={`${base}/providers`}>
          {t('preview.providers')}
        </NavLink>
        <NavLink className="action" to={`${base}/checklists`}>
          {t('preview.checklists')}
        </NavLink>
        <Link className="action" to={`/admin/j/${encodeURIComponent(jurisdictionId)}/publish`}>
          {t('preview.back')}
        </Link>
      </nav>
      {error && <ConsoleProblem error={error} onRetry={() => void reload()} />}
      {content && content.leftOut.length > 0 && (
        <p className="notice">{t('preview.leftOut', { count: content.leftOut.length })}</p>
      )}
      {content && !content.handbook && <p className="notice">{t('preview.noJurisdiction')}</p>}
      {!preview && !error && content?.handbook && <p className="loading">{t('shell.loading')}</p>}
      {preview && (
        <div className="preview-frame" onClickCapture={keepInside}>
          <HandbookStoreProvider value={store}>
            <CurrentHandbookProvider value={preview}>
              <Routes>
                <Route index element={<RouteScreen />} />
                <Route path="providers" element={<DirectoryScreen />} />
                <Route path="providers/:providerId" element={<ProviderDetailScreen />} />
                <Route path="checklists" element={<ChecklistsScreen />} />
                <Route path="checklists/:checklistId" element={<ChecklistScreen />} />
                <Route path="*" element={<NotFound kind="page" />} />
              </Routes>
            </CurrentHandbookProvider>
          </HandbookStoreProvider>
        </div>
      )}
    </section>
  );
}
