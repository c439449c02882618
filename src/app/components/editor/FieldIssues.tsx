import { useTranslation } from 'react-i18next';
import type { FieldIssue } from './issues';

/** A field problem said in the interface language. */
export function useIssueText(): (issue: FieldIssue) => string {
  const { t } = useTranslation('console-editors');
  return (issue) => {
    switch (issue.code) {
      case 'duplicateId':
        return t('issues.duplicateId', { id: issue.detail });
      case 'unknownProvider':
        return t('issues.unknownProvider', { id: issue.detail });
      case 'requiredAndExcluded':
        return t('issues.requiredAndExcluded', { fact: t(`caseFact.${issue.detail}`) });
      case 'server':
        return t('issues.server', { message: issue.detail });
      default:
        return t(`issues.${issue.code}`);
    }
  };
}

/** The problems of one field, under it; the field points at this element with aria-describedby. */
export function FieldIssues({ id, issues }: { id: string; issues: FieldIssue[] }) {
  const say = useIssueText();
  if (issues.length === 0) return null;
  return (
    <p id={id} className="field-error">
      {issues.map(say).join(' ')}
    </p>
  );
}

/** The ids a control is described by, leaving out the ones not shown. */
export function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const shown = ids.filter((id): id is string => Boolean(id));
  return shown.length > 0 ? shown.join(' ') : undefined;
}
