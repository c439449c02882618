import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { APP_LANGUAGES, resolveLanguage, toAppLanguage } from '../../../src/app/i18n/resolve-language';

describe('choosing the interface language', () => {
  it('?lng= in the link wins over everything', () => {
    expect(resolveLanguage({ query: 'en', saved: 'es', browser: ['es-HN'], jurisdictionDefault: 'es' })).toEqual({
      language: 'en',
      source: 'query',
    });
  });

  it('then the language the worker saved on this phone', () => {
    expect(resolveLanguage({ query: null, saved: 'en', browser: ['es-MX'], jurisdictionDefault: 'es' })).toEqual({
      language: 'en',
      source: 'saved',
    });
  });

  it("then the browser's languages, in order, by their primary language", () => {
    expect(resolveLanguage({ browser: ['es-MX', 'en'] })).toEqual({ language: 'es', source: 'browser' });
    expect(resolveLanguage({ browser: ['es-419'] })).toEqual({ language: 'es', source: 'browser' });
    expect(resolveLanguage({ browser: ['en-GB', 'es'] })).toEqual({ language: 'en', source: 'browser' });
  });

  it('skips browser languages the app does not speak', () => {
    expect(resolveLanguage({ browser: ['fr', 'fr-CA', 'en-GB'] })).toEqual({ language: 'en', source: 'browser' });
    expect(resolveLanguage({ browser: ['fr', 'ht'], jurisdictionDefault: 'en' })).toEqual({
      language: 'en',
      source: 'jurisdiction',
    });
  });

  it("then the jurisdiction's default language, and Spanish when nothing at all is known", () => {
    expect(resolveLanguage({ jurisdictionDefault: 'en' })).toEqual({ language: 'en', source: 'jurisdiction' });
    expect(resolveLanguage({})).toEqual({ language: 'es', source: 'jurisdiction' });
    expect(resolveLanguage({ jurisdictionDefault: 'fr' })).toEqual({ language: 'es', source: 'jurisdiction' });
  });

  it('ignores garbage in the link or in storage instead of breaking the app', () => {
    for (const garbage of ['', '   ', 'xx', 'english', 'e', '<script>', '-', 'fr', 'esp', 'en;DROP']) {
      expect(resolveLanguage({ query: garbage, saved: garbage, browser: ['en-US'] })).toEqual({
        language: 'en',
        source: 'browser',
      });
    }
  });

  it('accepts the usual spellings of a language tag', () => {
    for (const tag of ['es', 'ES', 'es-HN', 'es_MX', 'es-419', ' es ']) expect(toAppLanguage(tag)).toBe('es');
    for (const tag of ['en', 'EN-gb', 'en_US']) expect(toAppLanguage(tag)).toBe('en');
    for (const tag of [null, undefined, '', 'fr', 'pt-BR', 'e', 'eng']) expect(toAppLanguage(tag)).toBeUndefined();
  });

  it('for any input, the result is always a language the app speaks', () => {
    const tag = fc.option(fc.oneof(fc.string(), fc.constantFrom('es', 'en', 'es-MX', 'en-GB', 'fr')), { nil: null });
    fc.assert(
      fc.property(
        tag,
        tag,
        fc.array(fc.string()),
        fc.option(fc.string(), { nil: undefined }),
        (query, saved, browser, d) => {
          const choice = resolveLanguage({ query, saved, browser, jurisdictionDefault: d });
          expect(APP_LANGUAGES).toContain(choice.language);
          if (toAppLanguage(query)) expect(choice.source).toBe('query');
        },
      ),
    );
  });
});
