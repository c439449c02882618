import { type CountryCode, isValidPhoneNumber } from 'libphonenumber-js/min';
import type { z } from 'zod';
import { Handbook, type Provider } from './schema';

export interface HandbookIssue {
  /** Path inside the handbook, e.g. ["providers", 3, "phones", 0, "number"]. */
  path: (string | number)[];
  message: string;
}

export type HandbookValidation = { ok: true; handbook: Handbook; issues: [] } | { ok: false; issues: HandbookIssue[] };

/**
 * Checks a handbook against the schema and the rules that span records: unique ids,
 * references to providers that exist, phone numbers that are real numbers of the country.
 */
export function validateHandbook(input: unknown): HandbookValidation {
  const parsed = Handbook.safeParse(input);
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.map(toHandbookIssue) };
  }
  const issues = crossRecordIssues(parsed.data);
  return issues.length === 0 ? { ok: true, handbook: parsed.data, issues: [] } : { ok: false, issues };
}

export function toHandbookIssue(issue: z.core.$ZodIssue): HandbookIssue {
  return { path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: issue.message };
}

/**
 * What the schema cannot tell about one provider: whether its phone numbers are real numbers
 * of the jurisdiction's country, and whether its coordinates come as a pair. Paths are inside the provider.
 */
export function providerIssues(provider: Provider, country: CountryCode): HandbookIssue[] {
  const issues: HandbookIssue[] = [];
  provider.phones.forEach((phone, i) => {
    if (!isValidPhoneNumber(phone.number, country)) {
      issues.push({ path: ['phones', i, 'number'], message: `${phone.number} is not a valid phone number` });
    }
  });
  if (provider.whatsapp && !isValidPhoneNumber(provider.whatsapp)) {
    issues.push({ path: ['whatsapp'], message: `${provider.whatsapp} is not a valid phone number` });
  }
  if ((provider.latitude === undefined) !== (provider.longitude === undefined)) {
    issues.push({ path: ['latitude'], message: 'give both latitude and longitude, or neither' });
  }
  return issues;
}

function crossRecordIssues(handbook: Handbook): HandbookIssue[] {
  const issues: HandbookIssue[] = [];
  const country = handbook.jurisdiction.country as CountryCode;
  const providerIds = new Set<string>();

  handbook.providers.forEach((provider, p) => {
    if (providerIds.has(provider.id))
      issues.push({ path: ['providers', p, 'id'], message: `duplicate provider id "${provider.id}"` });
    providerIds.add(provider.id);
    for (const issue of providerIssues(provider, country))
      issues.push({ ...issue, path: ['providers', p, ...issue.path] });
  });

  handbook.jurisdiction.emergencyNumbers.forEach((emergency, i) => {
    if (emergency.number.startsWith('+') && !isValidPhoneNumber(emergency.number, country)) {
      issues.push({
        path: ['jurisdiction', 'emergencyNumbers', i, 'number'],
        message: `${emergency.number} is not a valid phone number`,
      });
    }
  });

  const routeIds = new Set<string>();
  handbook.routes.forEach((route, r) => {
    if (routeIds.has(route.id)) issues.push({ path: ['routes', r, 'id'], message: `duplicate route id "${route.id}"` });
    routeIds.add(route.id);
    const stepIds = new Set<string>();
    route.stages.forEach((stage, s) => {
      stage.steps.forEach((step, t) => {
        const at = (...rest: (string | number)[]) => ['routes', r, 'stages', s, 'steps', t, ...rest];
        if (stepIds.has(step.id)) issues.push({ path: at('id'), message: `duplicate step id "${step.id}"` });
        stepIds.add(step.id);
        step.responsible.forEach((providerId, i) => {
          if (!providerIds.has(providerId)) {
            issues.push({ path: at('responsible', i), message: `no provider has the id "${providerId}"` });
          }
        });
        const both = step.conditions?.all.filter((fact) => step.conditions?.none.includes(fact)) ?? [];
        for (const fact of both) {
          issues.push({ path: at('conditions'), message: `"${fact}" cannot be required and excluded at once` });
        }
      });
    });
  });

  const checklistIds = new Set<string>();
  handbook.checklists.forEach((checklist, c) => {
    if (checklistIds.has(checklist.id)) {
      issues.push({ path: ['checklists', c, 'id'], message: `duplicate checklist id "${checklist.id}"` });
    }
    checklistIds.add(checklist.id);
    // A screening keeps its answers by indicator id: two indicators with one id would share an answer.
    const groupIds = new Set<string>();
    const indicatorIds = new Set<string>();
    checklist.groups.forEach((group, g) => {
      const at = (...rest: (string | number)[]) => ['checklists', c, 'groups', g, ...rest];
      if (groupIds.has(group.id))
        issues.push({ path: at('id'), message: `duplicate indicator group id "${group.id}"` });
      groupIds.add(group.id);
      group.indicators.forEach((indicator, i) => {
        if (indicatorIds.has(indicator.id)) {
          issues.push({ path: at('indicators', i, 'id'), message: `duplicate indicator id "${indicator.id}"` });
        }
        indicatorIds.add(indicator.id);
      });
    });
  });
  return issues;
}
