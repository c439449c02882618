import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { DraftRecord } from '../../../core/console/protocol';
import { textIn } from '../../console/text';
import type { Conflict } from './useRecordEditor';
import {
  compareVersions,
  type ElementDifference,
  elementsOf,
  hasDifferences,
  type NestedShape,
  type RecordBody,
  type VersionDifferences,
} from './versions';

/** How an editor's elements are named: the text field that labels a parent and a child. */
export interface NestedNaming {
  shape: NestedShape;
  /** e.g. `{ parents: 'title', children: 'title' }` for a route, `{ parents: 'title', children: 'text' }` for a checklist. */
  labels: { parents: string; children: string };
  /** Locale key prefix of the element kinds: `conflict.kind.stage` etc. */
  kinds: { parents: string; children: string };
}

function useLabel(naming: NestedNaming) {
  const { i18n } = useTranslation('console-editors');
  return (element: RecordBody | undefined, level: 'parents' | 'children', fallback: string) => {
    const text = element?.[naming.labels[level]];
    const label = textIn(
      typeof text === 'object' && text !== null ? (text as Record<string, unknown>) : undefined,
      i18n.language,
    );
    return label || fallback;
  };
}

function useWhen() {
  const { i18n } = useTranslation('console-editors');
  return (iso: string) =>
    new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** What differs between two versions, one line per record field, stage or step that is not the same. */
export function DifferenceList({
  differences,
  naming,
  mine,
  theirs,
}: {
  differences: VersionDifferences;
  naming: NestedNaming;
  mine: RecordBody;
  theirs: RecordBody;
}) {
  const { t } = useTranslation('console-editors');
  const label = useLabel(naming);
  const parentName = (body: RecordBody, id: string | undefined) =>
    label(
      elementsOf(body, naming.shape.parents).find((parent) => parent.id === id),
      'parents',
      id ?? '',
    );
  const fields = (names: string[]) => names.map((name) => t(`field.${name}`)).join(', ');
  const line = (difference: ElementDifference, level: 'parents' | 'children') => {
    const kind = t(`conflict.kind.${naming.kinds[level]}`);
    const name = label(difference.mine ?? difference.theirs, level, difference.id);
    const parts: string[] = [];
    if (difference.presence === 'mine') parts.push(t('conflict.onlyMine'));
    if (difference.presence === 'theirs') parts.push(t('conflict.onlyTheirs'));
    if (difference.fields.length > 0) parts.push(t('conflict.differsIn', { fields: fields(difference.fields) }));
    if (difference.moved && level === 'children' && difference.parentInMine !== difference.parentInTheirs) {
      parts.push(
        t('conflict.inOtherParent', {
          mine: parentName(mine, difference.parentInMine),
          theirs: parentName(theirs, difference.parentInTheirs),
        }),
      );
    } else if (difference.moved) parts.push(t('conflict.otherPosition'));
    return t('conflict.line', { kind, name, what: parts.join('; ') });
  };
  return (
    <ul className="difference-list">
      {differences.fields.length > 0 && <li>{t('conflict.recordFields', { fields: fields(differences.fields) })}</li>}
      {differences.parents.map((difference) => (
        <li key={`p-${difference.id}`}>{line(difference, 'parents')}</li>
      ))}
      {differences.children.map((difference) => (
        <li key={`c-${difference.id}`}>{line(difference, 'children')}</li>
      ))}
    </ul>
  );
}

/** One version as an outline of its parents and children, what differs from the other one marked. */
function VersionOutline({
  title,
  body,
  side,
  differences,
  naming,
}: {
  title: string;
  body: RecordBody;
  side: 'mine' | 'theirs';
  differences: VersionDifferences;
  naming: NestedNaming;
}) {
  const { t } = useTranslation('console-editors');
  const label = useLabel(naming);
  const marker = (list: ElementDifference[], id: string) => {
    const difference = list.find((d) => d.id === id);
    if (!difference) return '';
    return difference.presence === side ? ` — ${t('conflict.onlyHere')}` : ` — ${t('conflict.differs')}`;
  };
  return (
    <section className="version-outline">
      <h3>{title}</h3>
      <ol>
        {elementsOf(body, naming.shape.parents).map((parent) => (
          <li key={parent.id}>
            {label(parent, 'parents', parent.id)}
            <strong>{marker(differences.parents, parent.id)}</strong>
            <ol>
              {elementsOf(parent, naming.shape.children).map((child) => (
                <li key={child.id}>
                  {label(child, 'children', child.id)}
                  <strong>{marker(differences.children, child.id)}</strong>
                </li>
              ))}
            </ol>
          </li>
        ))}
      </ol>
    </section>
  );
}

interface ConflictPanelProps {
  conflict: Conflict;
  naming: NestedNaming;
  onTakeTheirs(): void;
  onApplyMine(): void;
}

/**
 * A save refused because someone saved the same record meanwhile: both versions, what differs,
 * and the coordinator's choice. Nothing is saved from here; the chosen version is loaded into
 * the form to be saved (or left) by the coordinator.
 */
export function ConflictPanel({ conflict, naming, onTakeTheirs, onApplyMine }: ConflictPanelProps) {
  const { t } = useTranslation('console-editors');
  const when = useWhen();
  const ref = useRef<HTMLElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const { theirs, yours } = conflict;
  const theirBody = theirs?.body ?? {};
  const differences = compareVersions(yours, theirBody, naming.shape);
  return (
    <section className="notice conflict-panel" aria-labelledby="conflict-title" tabIndex={-1} ref={ref}>
      <h2 id="conflict-title">{t('conflict.title')}</h2>
      {theirs ? (
        <p>
          {theirs.updatedBy
            ? t('conflict.savedBy', { who: theirs.updatedBy, when: when(theirs.updatedAt) })
            : t('conflict.savedAt', { when: when(theirs.updatedAt) })}
        </p>
      ) : (
        <p>{t('conflict.gone')}</p>
      )}
      {theirs && (
        <>
          <h3>{t('conflict.whatDiffers')}</h3>
          {hasDifferences(differences) ? (
            <DifferenceList differences={differences} naming={naming} mine={yours} theirs={theirBody} />
          ) : (
            <p>{t('conflict.same')}</p>
          )}
          <div className="version-pair">
            <VersionOutline
              title={t('conflict.yourVersion')}
              body={yours}
              side="mine"
              differences={differences}
              naming={naming}
            />
            <VersionOutline
              title={t('conflict.theirVersion')}
              body={theirBody}
              side="theirs"
              differences={differences}
              naming={naming}
            />
          </div>
        </>
      )}
      <p className="field-hint">{theirs ? t('conflict.choose') : t('conflict.chooseGone')}</p>
      <div className="console-toolbar">
        <button type="button" className="action" onClick={onTakeTheirs}>
          {theirs ? t('conflict.takeTheirs') : t('conflict.dropMine')}
        </button>
        <button type="button" className="action action-primary" onClick={onApplyMine}>
          {theirs ? t('conflict.applyMine') : t('conflict.keepMine')}
        </button>
      </div>
    </section>
  );
}

/** After "mine on top of theirs": what saving the combined version will change in theirs. */
export function CombinedNotice({
  theirs,
  mine,
  naming,
}: {
  theirs: DraftRecord;
  mine: RecordBody;
  naming: NestedNaming;
}) {
  const { t } = useTranslation('console-editors');
  const when = useWhen();
  const differences = compareVersions(mine, theirs.body, naming.shape);
  return (
    <section className="notice combined-notice" aria-labelledby="combined-title">
      <h2 id="combined-title">{t('conflict.combinedTitle')}</h2>
      <p>
        {theirs.updatedBy
          ? t('conflict.combinedBy', { who: theirs.updatedBy, when: when(theirs.updatedAt) })
          : t('conflict.combinedAt', { when: when(theirs.updatedAt) })}
      </p>
      {hasDifferences(differences) ? (
        <DifferenceList differences={differences} naming={naming} mine={mine} theirs={theirs.body} />
      ) : (
        <p>{t('conflict.same')}</p>
      )}
    </section>
  );
}
