import { useTranslation } from 'react-i18next';
import { POPULATIONS, SERVICE_TYPES } from '../../../../core/handbook/taxonomy';
import { FieldProblems, fieldId, TextField } from '../../../console/form';
import { type FieldIssue, issuesAt } from '../../../console/issues';
import type { ProviderForm } from '../provider-form';
import { BilingualField } from './BilingualField';
import { PhoneEntryPreview } from './PhoneEntryPreview';
import { PhonesFieldset } from './PhonesFieldset';
import { SchedulesFieldset } from './SchedulesFieldset';

export const FORM = 'provider';

interface Props {
  value: ProviderForm;
  onChange(change: Partial<ProviderForm>): void;
  issues: readonly FieldIssue[];
  country: string;
  /** A new provider's id can still be chosen; a saved one's cannot. */
  isNew: boolean;
  /** Sets "verified today by <the signed-in person>". */
  onVerifiedToday(): void;
}

function Choices<T extends string>({
  path,
  legend,
  options,
  chosen,
  label,
  onChange,
  issues,
}: {
  path: string;
  legend: string;
  options: readonly T[];
  chosen: readonly T[];
  label(option: T): string;
  onChange(chosen: T[]): void;
  issues: readonly FieldIssue[];
}) {
  const id = fieldId(FORM, path);
  const own = issuesAt(issues, path);
  return (
    <fieldset id={id} aria-describedby={own.length > 0 ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      <div className="checkbox-grid">
        {options.map((option) => (
          <label key={option} className="toggle">
            <input
              type="checkbox"
              checked={chosen.includes(option)}
              onChange={(event) =>
                onChange(
                  event.target.checked
                    ? options.filter((o) => o === option || chosen.includes(o))
                    : chosen.filter((o) => o !== option),
                )
              }
            />
            <span>{label(option)}</span>
          </label>
        ))}
      </div>
      <FieldProblems id={id} issues={own} />
    </fieldset>
  );
}

/** Every field of a Provider (src/core/handbook/schema.ts), grouped as a coordinator thinks of them. */
export function ProviderFields({ value, onChange, issues, country, isNew, onVerifiedToday }: Props) {
  const { t, i18n } = useTranslation('console');
  const languageNames = new Intl.DisplayNames([i18n.language], { type: 'language', fallback: 'code' });
  const spoken = value.languages
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map((code) => languageNames.of(code.toLowerCase()))
    .join(', ');
  const visibilityId = fieldId(FORM, 'visibility');
  const visibilityIssues = issuesAt(issues, 'visibility');

  return (
    <>
      <h2>{t('providers.section.identity')}</h2>
      <BilingualField
        form={FORM}
        path="name"
        label={t('providers.field.name')}
        value={value.name}
        onChange={(name) => onChange({ name })}
        issues={issues}
      />
      <TextField
        form={FORM}
        path="id"
        label={t('providers.field.id')}
        hint={t(isNew ? 'providers.idHint' : 'providers.idFixed')}
        value={value.id}
        readOnly={!isNew}
        onChange={(id) => onChange({ id })}
        issues={issues}
        autoComplete="off"
      />
      <TextField
        form={FORM}
        path="alternate_name"
        label={t('providers.field.alternateName')}
        value={value.alternateName}
        onChange={(alternateName) => onChange({ alternateName })}
        issues={issues}
      />
      <BilingualField
        form={FORM}
        path="description"
        label={t('providers.field.description')}
        value={value.description}
        onChange={(description) => onChange({ description })}
        issues={issues}
        multiline
      />

      <h2>{t('providers.section.services')}</h2>
      <Choices
        path="services"
        legend={t('providers.field.services')}
        options={SERVICE_TYPES}
        chosen={value.services}
        label={(s) => t(`translation:serviceType.${s}`)}
        onChange={(services) => onChange({ services })}
        issues={issues}
      />
      <Choices
        path="populations"
        legend={t('providers.field.populations')}
        options={POPULATIONS}
        chosen={value.populations}
        label={(p) => t(`translation:population.${p}`)}
        onChange={(populations) => onChange({ populations })}
        issues={issues}
      />
      <TextField
        form={FORM}
        path="languages"
        label={t('providers.field.languages')}
        hint={t('providers.languagesHint')}
        value={value.languages}
        onChange={(languages) => onChange({ languages })}
        issues={issues}
        autoComplete="off"
        after={
          <p id="provider-languages-reads" className="field-hint">
            {spoken}
          </p>
        }
        afterId="provider-languages-reads"
      />

      <h2>{t('providers.section.contact')}</h2>
      <PhonesFieldset
        form={FORM}
        phones={value.phones}
        onChange={(phones) => onChange({ phones })}
        issues={issues}
        country={country}
      />
      <TextField
        form={FORM}
        path="whatsapp"
        type="tel"
        label={t('providers.field.whatsapp')}
        value={value.whatsapp}
        onChange={(whatsapp) => onChange({ whatsapp })}
        issues={issues}
        after={<PhoneEntryPreview id={fieldId(FORM, 'whatsapp')} text={value.whatsapp} country={country} />}
        afterId={`${fieldId(FORM, 'whatsapp')}-reads`}
      />
      <div className="field-pair">
        <TextField
          form={FORM}
          path="email"
          type="email"
          label={t('providers.field.email')}
          value={value.email}
          onChange={(email) => onChange({ email })}
          issues={issues}
        />
        <TextField
          form={FORM}
          path="url"
          type="url"
          label={t('providers.field.url')}
          value={value.url}
          onChange={(url) => onChange({ url })}
          issues={issues}
        />
      </div>

      <h2>{t('providers.section.place')}</h2>
      <fieldset id={fieldId(FORM, 'address')}>
        <legend>{t('providers.field.address')}</legend>
        <p className="field-hint">{t('providers.addressHint')}</p>
        <div className="field-pair">
          {(['address_1', 'address_2', 'city', 'state_province', 'postal_code', 'country'] as const).map((line) => (
            <TextField
              key={line}
              form={FORM}
              path={`address.${line}`}
              label={t(`providers.address.${line}`)}
              value={value.address[line]}
              onChange={(text) => onChange({ address: { ...value.address, [line]: text } })}
              issues={issues}
            />
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('providers.field.coordinates')}</legend>
        <p className="field-hint">{t('providers.coordinatesHint')}</p>
        <div className="field-pair">
          <TextField
            form={FORM}
            path="latitude"
            inputMode="decimal"
            label={t('providers.field.latitude')}
            value={value.latitude}
            onChange={(latitude) => onChange({ latitude })}
            issues={issues}
          />
          <TextField
            form={FORM}
            path="longitude"
            inputMode="decimal"
            label={t('providers.field.longitude')}
            value={value.longitude}
            onChange={(longitude) => onChange({ longitude })}
            issues={issues}
          />
        </div>
      </fieldset>
      <SchedulesFieldset
        form={FORM}
        schedules={value.schedules}
        onChange={(schedules) => onChange({ schedules })}
        issues={issues}
      />

      <h2>{t('providers.section.visibility')}</h2>
      <fieldset id={visibilityId} aria-describedby={visibilityIssues.length > 0 ? `${visibilityId}-error` : undefined}>
        <legend>{t('providers.field.visibility')}</legend>
        {(['public', 'restricted'] as const).map((visibility) => (
          <div key={visibility}>
            <label className="toggle">
              <input
                type="radio"
                name="provider-visibility"
                value={visibility}
                checked={value.visibility === visibility}
                onChange={() => onChange({ visibility })}
                aria-describedby={`provider-visibility-${visibility}-hint`}
              />
              <span>{t(`providers.visibility.${visibility}`)}</span>
            </label>
            <p id={`provider-visibility-${visibility}-hint`} className="field-hint">
              {t(`providers.visibilityExplain.${visibility}`)}
            </p>
          </div>
        ))}
        <FieldProblems id={visibilityId} issues={visibilityIssues} />
      </fieldset>

      <h2>{t('providers.section.provenance')}</h2>
      <p className="field-hint">{t('providers.provenanceHint')}</p>
      <TextField
        form={FORM}
        path="provenance.source"
        label={t('providers.field.source')}
        value={value.provenance.source}
        onChange={(source) => onChange({ provenance: { ...value.provenance, source } })}
        issues={issues}
      />
      <div className="field-pair">
        <TextField
          form={FORM}
          path="provenance.verifiedAt"
          type="date"
          label={t('providers.field.verifiedAt')}
          value={value.provenance.verifiedAt}
          onChange={(verifiedAt) => onChange({ provenance: { ...value.provenance, verifiedAt } })}
          issues={issues}
        />
        <TextField
          form={FORM}
          path="provenance.verifiedBy"
          label={t('providers.field.verifiedBy')}
          value={value.provenance.verifiedBy}
          onChange={(verifiedBy) => onChange({ provenance: { ...value.provenance, verifiedBy } })}
          issues={issues}
        />
      </div>
      <button
        type="button"
        className="action"
        onClick={onVerifiedToday}
        aria-describedby="provider-verified-today-hint"
      >
        {t('providers.verifiedToday')}
      </button>
      <p id="provider-verified-today-hint" className="field-hint">
        {t('providers.verifiedTodayHint')}
      </p>
    </>
  );
}
