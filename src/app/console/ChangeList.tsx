import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import type { RecordChangeSchema } from '../../core/console/protocol';
import { textIn } from './text';

type RecordChange = z.infer<typeof RecordChangeSchema>;

/**
 * What a draft or a release changes, in the words the field worker's "what changed" list uses
 * ("Casa Refugio: phone numbers changed"), from the same strings.
 */
export function ChangeList({
  changes,
  linkTo,
}: {
  changes: RecordChange[];
  linkTo?: (key: string) => string | undefined;
}) {
  const { t, i18n } = useTranslation('console');
  const fieldName = (field: string) =>
    i18n.exists(`translation:changes.field.${field}`)
      ? t(`translation:changes.field.${field}`)
      : t('translation:changes.otherDetails');
  const describe = (change: RecordChange) => {
    const name = change.name ? textIn(change.name, i18n.language) : (change.key.split('/')[1] ?? change.key);
    if (change.change === 'added') return t(`translation:changes.added.${change.kind}`, { name });
    if (change.change === 'removed') return t(`translation:changes.removed.${change.kind}`, { name });
    const fields = [...new Set(change.fields.map(fieldName))].join(', ');
    return t('translation:changes.changed', { name, fields });
  };
  return (
    <ul className="console-changes">
      {changes.map((change) => {
        const href = linkTo?.(change.key);
        return <li key={change.key}>{href ? <Link to={href}>{describe(change)}</Link> : describe(change)}</li>;
      })}
    </ul>
  );
}
