import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { DraftRecord } from '../../../../core/console/protocol';
import { textIn } from '../../../console/text';
import { compareVersions } from '../conflict';

type Body = Record<string, unknown>;

interface Props {
  /** The record as this edit began (undefined for a new one). */
  base: Body | undefined;
  mine: Body;
  /** What the draft holds now; null when the record is no longer in the draft. */
  theirs: DraftRecord | null;
  working: boolean;
  onTakeTheirs(): void;
  onTheirsPlusMine(): void;
  onSaveMineAgain(): void;
}

const asList = (value: unknown): Body[] => (Array.isArray(value) ? value : []);

/** A field's value in words a coordinator reads, never as raw JSON when it can be helped. */
function useDescribeValue() {
  const { t, i18n } = useTranslation('console');
  const languageNames = new Intl.DisplayNames([i18n.language], { type: 'language', fallback: 'code' });
  return (field: string, value: unknown): string => {
    if (value === undefined || value === null || (Array.isArray(value) && value.length === 0))
      return t('conflict.empty');
    const items = Array.isArray(value) ? (value as unknown[]) : [];
    switch (field) {
      case 'services':
        return items.map((s) => t(`translation:serviceType.${String(s)}`)).join(', ');
      case 'populations':
        return items.map((p) => t(`translation:population.${String(p)}`)).join(', ');
      case 'languages':
        return items.map((code) => languageNames.of(String(code))).join(', ');
      case 'phones':
        return asList(value)
          .map((phone) => `${String(phone.number)} (${t(`translation:phoneType.${String(phone.type ?? 'voice')}`)})`)
          .join('; ');
      case 'schedules':
        return asList(value)
          .map(
            (schedule) =>
              `${asList(schedule.byday)
                .map((day) => t(`translation:weekday.${String(day)}`))
                .join(
                  ', ',
                )}: ${t('translation:provider.timeRange', { opens: schedule.opens_at, closes: schedule.closes_at })}`,
          )
          .join('; ');
      case 'visibility':
        return t(`providers.visibility.${value === 'restricted' ? 'restricted' : 'public'}`);
      case 'provenance': {
        const { source, verifiedAt, verifiedBy } = value as Body;
        return [source, verifiedAt ?? t('conflict.unverified'), verifiedBy].filter(Boolean).map(String).join(' · ');
      }
    }
    if (typeof value === 'object' && !Array.isArray(value)) {
      const text = value as Body;
      if (typeof text.es === 'string' || typeof text.en === 'string') {
        return Object.entries(text)
          .map(([language, words]) => `${languageNames.of(language)}: ${String(words)}`)
          .join(' · ');
      }
      return Object.values(text).filter(Boolean).map(String).join(', ');
    }
    return String(value);
  };
}

/**
 * The second of two coordinators to save the same provider sees both versions, field by field
 * where they differ, and chooses: their version, or theirs with this edit's changes on top,
 * saved over their revision. Nothing is overwritten without this choice.
 */
export function ConflictPanel({ base, mine, theirs, working, onTakeTheirs, onTheirsPlusMine, onSaveMineAgain }: Props) {
  const { t, i18n } = useTranslation('console');
  const describe = useDescribeValue();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const fields = theirs ? compareVersions(base, mine, theirs.body) : [];
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const fieldName = (field: string) =>
    i18n.exists(`translation:changes.field.${field}`) ? t(`translation:changes.field.${field}`) : field;

  return (
    <section className="notice conflict" aria-labelledby="conflict-title">
      <h2 id="conflict-title" ref={heading} tabIndex={-1}>
        {t('conflict.title')}
      </h2>
      {theirs ? (
        <>
          <p>
            {t('conflict.explain', {
              who: theirs.updatedBy ?? t('conflict.someone'),
              when: when.format(new Date(theirs.updatedAt)),
              name: textIn(theirs.body.name as Body | undefined, i18n.language),
            })}
          </p>
          {theirs.archived && <p>{t('conflict.theyArchived')}</p>}
          <table className="console-table">
            <caption className="visually-hidden">{t('conflict.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('conflict.field')}</th>
                <th scope="col">{t('conflict.theirs')}</th>
                <th scope="col">{t('conflict.mine')}</th>
              </tr>
            </thead>
            <tbody>
              {fields.map((row) => (
                <tr key={row.field}>
                  <th scope="row">
                    {fieldName(row.field)}
                    {row.changedByMe && row.changedByThem && (
                      <span className="field-hint"> · {t('conflict.bothChanged')}</span>
                    )}
                  </th>
                  <td>{describe(row.field, row.theirs)}</td>
                  <td>
                    {describe(row.field, row.mine)}
                    {!row.changedByMe && <span className="field-hint"> · {t('conflict.notMine')}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="console-toolbar">
            <button type="button" className="action" disabled={working} onClick={onTakeTheirs}>
              {t('conflict.takeTheirs')}
            </button>
            <button type="button" className="action action-primary" disabled={working} onClick={onTheirsPlusMine}>
              {t('conflict.theirsPlusMine')}
            </button>
          </div>
          <p className="field-hint">{t('conflict.theirsPlusMineHint')}</p>
        </>
      ) : (
        <>
          <p>{t('conflict.gone')}</p>
          <button type="button" className="action action-primary" disabled={working} onClick={onSaveMineAgain}>
            {t('conflict.saveMineAgain')}
          </button>
        </>
      )}
    </section>
  );
}
