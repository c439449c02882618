import { useTranslation } from 'react-i18next';
import { readPhoneEntry } from '../phone-entry';

/** Beside a phone field, as the coordinator types: how a worker will see the number, and what is saved. */
export function PhoneEntryPreview({ id, text, country }: { id: string; text: string; country: string }) {
  const { t } = useTranslation('console');
  const entry = readPhoneEntry(text, country);
  return (
    <p id={`${id}-reads`} className="field-hint" aria-live="polite">
      {entry.status === 'valid' ? t('providers.phone.reads', { display: entry.display, e164: entry.e164 }) : ''}
    </p>
  );
}
