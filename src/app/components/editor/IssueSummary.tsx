import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useIssueText } from './FieldIssues';
import { type FieldIssue, fieldDomId, type MissingTranslation, placeOf } from './issues';

/** Where a path is, in words: "Stage 2 › Step 3 › Title › English". */
export function usePlaceText(): (path: string) => string {
  const { t } = useTranslation('console-editors');
  return (path) => {
    const place = placeOf(path);
    const parts = place.items.map((item) => t(`place.${item.list}`, { number: item.number }));
    if (place.field) parts.push(t(`field.${place.field}`));
    if (place.language) parts.push(t(`language.${place.language}`));
    return parts.length > 0 ? parts.join(' › ') : t('place.record');
  };
}

/**
 * Moves the focus to the control that edits a path: the control itself, the Spanish input of a
 * text, or else the nearest enclosing element that has one.
 */
export function focusField(path: string): void {
  const parts = path.split('.');
  for (let length = parts.length; length > 0; length--) {
    const prefix = parts.slice(0, length).join('.');
    for (const candidate of [prefix, `${prefix}.es`]) {
      const element = document.getElementById(fieldDomId(candidate));
      if (!element) continue;
      const control = element.matches('input, select, textarea, button, [tabindex]')
        ? element
        : element.querySelector<HTMLElement>('input, select, textarea, button');
      if (control) {
        control.focus();
        return;
      }
    }
  }
}

function PlaceLink({ path, children }: { path: string; children: string }) {
  return (
    <a
      href={`#${fieldDomId(path)}`}
      onClick={(event) => {
        event.preventDefault();
        focusField(path);
      }}
    >
      {children}
    </a>
  );
}

interface IssueSummaryProps {
  issues: FieldIssue[];
  /** Changes with every refused save, so the summary takes the focus again. */
  attempt: number;
}

/** The problems that stop a save, each a link to its field; it takes the focus when a save is refused. */
export function IssueSummary({ issues, attempt }: IssueSummaryProps) {
  const { t } = useTranslation('console-editors');
  const say = useIssueText();
  const placeText = usePlaceText();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (attempt > 0) ref.current?.focus();
  }, [attempt]);
  if (issues.length === 0) return null;
  return (
    <div className="notice issue-summary" role="alert" tabIndex={-1} ref={ref}>
      <h2>{t('issues.summaryTitle', { count: issues.length })}</h2>
      <ul>
        {issues.map((issue, i) => (
          // The same path may hold several problems; their order is stable between renders.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <li key={`${issue.path}-${i}`}>
            <PlaceLink path={issue.path}>{`${placeText(issue.path)}: ${say(issue)}`}</PlaceLink>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Every text written in one language but not the other, each a link to the empty input. */
export function MissingTranslations({ missing }: { missing: MissingTranslation[] }) {
  const { t } = useTranslation('console-editors');
  const placeText = usePlaceText();
  if (missing.length === 0) return null;
  return (
    <section className="missing-translations" aria-labelledby="missing-translations-title">
      <h2 id="missing-translations-title">{t('translations.title', { count: missing.length })}</h2>
      <ul>
        {missing.flatMap((text) =>
          text.languages.map((language) => (
            <li key={`${text.path}.${language}`}>
              <PlaceLink path={`${text.path}.${language}`}>{placeText(`${text.path}.${language}`)}</PlaceLink>
            </li>
          )),
        )}
      </ul>
    </section>
  );
}
