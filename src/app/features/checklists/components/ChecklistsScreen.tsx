import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLocalize } from '../../../components/useLocalize';
import { useCurrentHandbook } from '../../../handbook/hooks';

export function ChecklistsScreen() {
  const { t } = useTranslation();
  const localize = useLocalize();
  const { jurisdiction, checklists } = useCurrentHandbook();
  return (
    <section className="screen" aria-labelledby="checklists-title">
      <p className="eyebrow">{localize(jurisdiction.name)}</p>
      <h1 id="checklists-title">{t('checklists.title')}</h1>
      <p>{t('checklists.explain')}</p>
      <ul className="card-list">
        {checklists.map((checklist) => (
          <li key={checklist.id}>
            <Link to={`/j/${jurisdiction.id}/checklists/${checklist.id}`} className="card-link">
              <span className="card-title">{localize(checklist.title)}</span>
              <span className="card-meta">{localize(checklist.summary)}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
