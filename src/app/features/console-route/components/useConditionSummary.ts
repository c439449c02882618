import { useTranslation } from 'react-i18next';
import { conditionSummary } from '../model/conditions';

/** "only when: child and foreign national", in the interface language. */
export function useConditionSummary(): (conditions: { all: readonly string[]; none: readonly string[] }) => string {
  const { t, i18n } = useTranslation('console-editors');
  return (conditions) =>
    conditionSummary(conditions, i18n.language, {
      always: t('conditions.always'),
      onlyWhen: (facts) => t('conditions.onlyWhen', { facts }),
      notWhen: (facts) => t('conditions.notWhen', { facts }),
      fact: (fact) => t(`caseFact.${fact}`),
    });
}
