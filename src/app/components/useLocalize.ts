import { useTranslation } from 'react-i18next';
import { localize } from '../../core/handbook/localize';
import type { LocalizedText } from '../../core/handbook/schema';

/** Picks content text in the interface language. */
export function useLocalize(): (text: LocalizedText) => string {
  const { i18n } = useTranslation();
  return (text) => localize(text, i18n.language);
}
