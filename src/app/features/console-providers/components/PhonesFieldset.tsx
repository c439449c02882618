import { useTranslation } from 'react-i18next';
import { PhoneType } from '../../../../core/handbook/schema';
import { describedBy, FieldProblems, fieldId, TextField } from '../../../console/form';
import { type FieldIssue, issuesAt } from '../../../console/issues';
import { emptyPhone, type PhoneRow } from '../provider-form';
import { BilingualField } from './BilingualField';
import { PhoneEntryPreview } from './PhoneEntryPreview';

interface Props {
  form: string;
  phones: PhoneRow[];
  onChange(phones: PhoneRow[]): void;
  issues: readonly FieldIssue[];
  country: string;
}

/** The provider's phone numbers, typed as the coordinator writes them and checked for the jurisdiction's country. */
export function PhonesFieldset({ form, phones, onChange, issues, country }: Props) {
  const { t, i18n } = useTranslation('console');
  const countryName = new Intl.DisplayNames([i18n.language], { type: 'region', fallback: 'code' }).of(country);
  const update = (index: number, change: Partial<PhoneRow>) =>
    onChange(phones.map((phone, i) => (i === index ? { ...phone, ...change } : phone)));

  return (
    <fieldset id={fieldId(form, 'phones')}>
      <legend>{t('providers.field.phones')}</legend>
      <p className="field-hint">{t('providers.phone.hint', { country: countryName })}</p>
      {phones.length === 0 && <p>{t('providers.phone.none')}</p>}
      {phones.map((phone, index) => {
        const numberId = fieldId(form, `phones.${index}.number`);
        const typeId = fieldId(form, `phones.${index}.type`);
        const typeIssues = issuesAt(issues, `phones.${index}.type`);
        return (
          <fieldset key={phone.key} id={fieldId(form, `phones.${index}`)}>
            <legend>{t('providers.phone.legend', { number: index + 1 })}</legend>
            <div className="field-pair">
              <TextField
                form={form}
                path={`phones.${index}.number`}
                type="tel"
                autoComplete="off"
                label={t('providers.field.phoneNumber')}
                value={phone.text}
                onChange={(text) => update(index, { text })}
                issues={issues}
                after={<PhoneEntryPreview id={numberId} text={phone.text} country={country} />}
                afterId={`${numberId}-reads`}
              />
              <div className="field">
                <label htmlFor={typeId}>{t('providers.field.phoneType')}</label>
                <select
                  id={typeId}
                  value={phone.type}
                  onChange={(event) => update(index, { type: event.target.value as PhoneRow['type'] })}
                  aria-describedby={describedBy(typeId, typeIssues)}
                >
                  {PhoneType.options.map((type) => (
                    <option key={type} value={type}>
                      {t(`translation:phoneType.${type}`)}
                    </option>
                  ))}
                </select>
                <FieldProblems id={typeId} issues={typeIssues} />
              </div>
            </div>
            <BilingualField
              form={form}
              path={`phones.${index}.description`}
              label={t('providers.field.phoneDescription')}
              value={phone.description}
              onChange={(description) => update(index, { description })}
              issues={issues}
            />
            <button
              type="button"
              className="action"
              onClick={() => onChange(phones.filter((_, i) => i !== index))}
              aria-label={t('providers.phone.removeNamed', { number: index + 1 })}
            >
              {t('providers.phone.remove')}
            </button>
          </fieldset>
        );
      })}
      <button type="button" className="action" onClick={() => onChange([...phones, emptyPhone()])}>
        {t('providers.phone.add')}
      </button>
    </fieldset>
  );
}
