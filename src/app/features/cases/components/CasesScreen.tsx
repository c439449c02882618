import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCaseFiles } from '../../../cases/hooks';
import { useCurrentHandbook } from '../../../handbook/hooks';

/** The cases this device holds for the jurisdiction, by case code only. */
export function CasesScreen() {
  const { t, i18n } = useTranslation('cases');
  const { jurisdiction } = useCurrentHandbook();
  const files = useCaseFiles(jurisdiction.id);
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const base = `/j/${jurisdiction.id}`;

  return (
    <section className="screen" aria-labelledby="cases-title">
      <h1 id="cases-title">{t('list.title')}</h1>
      <p>{t('list.anonymous')}</p>
      <div className="actions">
        <Link className="action action-primary" to={`${base}/cases/new`}>
          {t('list.start')}
        </Link>
        <Link className="action" to={`${base}/referrals`}>
          {t('list.referrals')}
        </Link>
      </div>
      {files === undefined ? (
        <p className="loading">{t('list.loading')}</p>
      ) : files.length === 0 ? (
        <p className="hint">{t('list.none')}</p>
      ) : (
        <ul className="card-list">
          {files.map((file) => (
            <li key={file.id}>
              <Link className="card-link" to={`${base}/cases/${file.id}`}>
                <span className="card-title case-code">{file.caseCode}</span>
                <span className="card-meta">{t('list.updated', { date: date.format(new Date(file.updatedAt)) })}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
