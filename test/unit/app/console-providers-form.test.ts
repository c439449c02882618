import { describe, expect, it } from 'vitest';
import {
  bodyFromForm,
  emptyPhone,
  formFromBody,
  idFromName,
  missingTranslations,
  phoneProblems,
} from '../../../src/app/features/console-providers/provider-form';
import { Provider } from '../../../src/core/handbook/schema';
import { sampleHandbook } from '../support/handbook-fixture';

const providers = sampleHandbook().providers;
const byId = (id: string) => {
  const provider = providers.find((p) => p.id === id);
  if (!provider) throw new Error(id);
  return provider as unknown as Record<string, unknown>;
};

describe('the provider editor', () => {
  it.each(providers.map((p) => [p.id]))('opens and saves %s unchanged when nothing is edited', (id) => {
    const saved = byId(id);
    expect(bodyFromForm(formFromBody(saved, 'HN'), saved, 'HN')).toEqual(saved);
  });

  it('shows phone numbers as the country writes them and saves them in E.164', () => {
    const saved = byId('caminos');
    const form = formFromBody(saved, 'HN');
    expect(form.phones[0]?.text).toBe('2653-3544');
    form.phones[0] = { ...(form.phones[0] ?? emptyPhone()), text: '2653 4000' };
    const body = bodyFromForm(form, saved, 'HN');
    expect(body.phones).toEqual([
      { number: '+50426534000', type: 'voice', description: { es: 'Recepción', en: 'Front desk' } },
    ]);
    expect(Provider.safeParse(body).success).toBe(true);
  });

  it('keeps a wrong number as typed, so validation points at it, and names the problem', () => {
    const saved = byId('caminos');
    const form = formFromBody(saved, 'HN');
    form.phones = [...form.phones, { ...emptyPhone(), text: '2653' }, emptyPhone()];
    form.whatsapp = '0000 0000';
    expect(phoneProblems(form, 'HN')).toEqual([
      { path: 'phones.1.number', problem: 'too-short' },
      { path: 'phones.2.number', problem: 'empty' },
      { path: 'whatsapp', problem: 'invalid' },
    ]);
    const result = Provider.safeParse(bodyFromForm(form, saved, 'HN'));
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(
      expect.arrayContaining(['phones.1.number', 'phones.2.number', 'whatsapp']),
    );
  });

  it('keeps languages beyond Spanish and English that the record already had', () => {
    const saved = { ...byId('hospital-area'), name: { es: 'Hospital de Área', en: 'Area Hospital', miq: 'Hospital' } };
    const form = formFromBody(saved, 'HN');
    form.name = { es: 'Hospital Regional', en: 'Regional Hospital' };
    expect(bodyFromForm(form, saved, 'HN').name).toEqual({
      es: 'Hospital Regional',
      en: 'Regional Hospital',
      miq: 'Hospital',
    });
  });

  it('leaves out optional fields the coordinator emptied, instead of saving empty text', () => {
    const saved = byId('caminos');
    const form = formFromBody(saved, 'HN');
    form.alternateName = ' ';
    form.address = { address_1: '', address_2: '', city: '', state_province: '', postal_code: '', country: 'HN' };
    form.latitude = '';
    form.longitude = '';
    const body = bodyFromForm(form, saved, 'HN');
    for (const field of ['alternate_name', 'address', 'latitude', 'longitude']) expect(body).not.toHaveProperty(field);
    expect(Provider.safeParse(body).success).toBe(true);
  });

  it('accepts a decimal comma in coordinates', () => {
    const saved = byId('caminos');
    const form = { ...formFromBody(saved, 'HN'), latitude: '14,4213', longitude: '-89,1825' };
    expect(bodyFromForm(form, saved, 'HN')).toMatchObject({ latitude: 14.4213, longitude: -89.1825 });
  });

  it('lists the texts that lack one of the two languages', () => {
    const form = formFromBody(byId('hospital-area'), 'HN');
    form.name = { es: 'Hospital de Área', en: '' };
    form.description = { es: '', en: '' };
    form.phones = [{ ...emptyPhone(), text: '2653 3060', description: { es: 'Urgencias', en: '' } }];
    form.schedules = form.schedules.map((s) => ({ ...s, description: { es: '', en: 'Night shift' } }));
    expect(missingTranslations(form)).toEqual([
      { path: 'name', language: 'en' },
      { path: 'description', language: 'es' },
      { path: 'description', language: 'en' },
      { path: 'phones.0.description', language: 'en' },
      { path: 'schedules.0.description', language: 'es' },
    ]);
  });

  it('does not ask for a translation of an optional note left empty in both languages', () => {
    const form = formFromBody(byId('consulado-guatemala'), 'HN');
    form.phones = [emptyPhone()];
    expect(missingTranslations(form)).toEqual([]);
  });

  it('proposes an id from the Spanish name', () => {
    expect(idFromName('Casa Refugio «Santa Ana» — Niñez')).toBe('casa-refugio-santa-ana-ninez');
    expect(Provider.shape.id.safeParse(idFromName('  ¿Qué?  Línea 145 ')).data).toBe('que-linea-145');
  });
});
