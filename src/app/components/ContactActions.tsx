import { useTranslation } from 'react-i18next';
import { geoLink, whatsappLink } from '../../core/handbook/contact-links';
import type { Provider } from '../../core/handbook/schema';
import { useLocalize } from './useLocalize';
import { usePhoneDisplay } from './usePhoneDisplay';

/** One-tap call, WhatsApp and map actions for a provider. */
export function ContactActions({ provider }: { provider: Provider }) {
  const { t } = useTranslation();
  const localize = useLocalize();
  const phoneDisplay = usePhoneDisplay();
  const name = localize(provider.name);
  const [phone] = provider.phones;
  const hasPlace = provider.latitude !== undefined && provider.longitude !== undefined;
  if (!phone && !provider.whatsapp && !hasPlace) return null;
  return (
    <div className="actions">
      {phone && (
        <a
          className="action action-call"
          href={`tel:${phone.number}`}
          aria-label={t('contact.callNamed', { name, number: phoneDisplay(phone.number) })}
        >
          {t('contact.call')}
        </a>
      )}
      {provider.whatsapp && (
        <a
          className="action"
          href={whatsappLink(provider.whatsapp)}
          target="_blank"
          rel="noreferrer"
          aria-label={t('contact.whatsappNamed', { name })}
        >
          {t('contact.whatsapp')}
        </a>
      )}
      {hasPlace && (
        <a
          className="action"
          href={geoLink(provider.latitude as number, provider.longitude as number, name)}
          aria-label={t('contact.mapNamed', { name })}
        >
          {t('contact.map')}
        </a>
      )}
    </div>
  );
}
