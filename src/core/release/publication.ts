import { formatPhoneForCountry } from '../handbook/phone';
import type { Handbook } from '../handbook/schema';
import type { HandbookRecord, PhoneDisplay, ReleaseVariant } from './records';

/*
 * Making a release's records from a handbook: server side only, since formatting phone
 * numbers needs libphonenumber-js, which stays out of the device bundle.
 */

/** The handbook as the public may see it: restricted providers and references to them removed. */
export function publicHandbook(handbook: Handbook): Handbook {
  const restricted = new Set(handbook.providers.filter((p) => p.visibility === 'restricted').map((p) => p.id));
  return {
    ...handbook,
    providers: handbook.providers.filter((p) => !restricted.has(p.id)),
    routes: handbook.routes.map((route) => ({
      ...route,
      stages: route.stages.map((stage) => ({
        ...stage,
        steps: stage.steps.map((step) => ({
          ...step,
          responsible: step.responsible.filter((id) => !restricted.has(id)),
        })),
      })),
    })),
  };
}

function displayOf(numbers: string[], country: string): PhoneDisplay {
  return Object.fromEntries(numbers.map((number) => [number, formatPhoneForCountry(number, country)]));
}

/** The records of a handbook as the given variant's devices receive them, sorted by key. */
export function handbookRecords(handbook: Handbook, variant: ReleaseVariant): HandbookRecord[] {
  const content = variant === 'public' ? publicHandbook(handbook) : handbook;
  const { country } = content.jurisdiction;
  const records: HandbookRecord[] = [
    {
      key: 'jurisdiction',
      body: {
        ...content.jurisdiction,
        phoneDisplay: displayOf(
          content.jurisdiction.emergencyNumbers.map((e) => e.number),
          country,
        ),
      },
    },
    ...content.providers.map(
      (provider): HandbookRecord => ({
        key: `provider/${provider.id}`,
        body: {
          ...provider,
          phoneDisplay: displayOf(
            [...provider.phones.map((p) => p.number), ...(provider.whatsapp ? [provider.whatsapp] : [])],
            country,
          ),
        },
      }),
    ),
    ...content.routes.map((route): HandbookRecord => ({ key: `route/${route.id}`, body: route })),
    ...content.checklists.map((checklist): HandbookRecord => ({ key: `checklist/${checklist.id}`, body: checklist })),
  ];
  return records.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
