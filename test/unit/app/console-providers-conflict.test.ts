import { describe, expect, it } from 'vitest';
import { compareVersions, theirsPlusMine } from '../../../src/app/features/console-providers/conflict';

/** The provider as both coordinators opened it. */
const base = {
  id: 'casa-refugio',
  name: { es: 'Casa Refugio', en: 'Refuge House' },
  phones: [{ number: '+50426533060', type: 'voice' }],
  email: 'casa@example.org',
  visibility: 'restricted',
  provenance: { source: 'Directorio 2025', verifiedAt: null, verifiedBy: null },
};

/** Ana changed the phone and verified the record; then Luis saved first, changing the English name and the email. */
const mine = {
  ...base,
  phones: [{ number: '+50426534000', type: 'voice' }],
  provenance: { source: 'Directorio 2025', verifiedAt: '2026-11-24', verifiedBy: 'Ana' },
};
const theirs = { ...base, name: { es: 'Casa Refugio', en: 'Shelter House' }, email: 'contacto@example.org' };

describe('two coordinators saved the same provider', () => {
  it('lists every field where the two versions differ, and who changed it', () => {
    const fields = compareVersions(base, mine, theirs);
    expect(fields.map((f) => f.field)).toEqual(['name', 'phones', 'email', 'provenance']);
    expect(fields.find((f) => f.field === 'phones')).toEqual({
      field: 'phones',
      mine: mine.phones,
      theirs: base.phones,
      changedByMe: true,
      changedByThem: false,
    });
    expect(fields.find((f) => f.field === 'email')).toMatchObject({ changedByMe: false, changedByThem: true });
  });

  it('does not list fields both versions agree on', () => {
    const fields = compareVersions(base, mine, theirs).map((f) => f.field);
    expect(fields).not.toContain('id');
    expect(fields).not.toContain('visibility');
  });

  it('compares content, not the order keys were written in', () => {
    const reordered = { ...theirs, provenance: { verifiedBy: null, verifiedAt: null, source: 'Directorio 2025' } };
    expect(compareVersions(base, theirs, reordered)).toEqual([]);
  });

  it('marks a field both changed differently', () => {
    const alsoPhone = { ...theirs, phones: [{ number: '+50426535000', type: 'voice' }] };
    expect(compareVersions(base, mine, alsoPhone).find((f) => f.field === 'phones')).toMatchObject({
      changedByMe: true,
      changedByThem: true,
    });
  });

  it('a field one removed and the other kept counts as different', () => {
    const { email: _removed, ...withoutEmail } = mine;
    expect(compareVersions(base, withoutEmail, base)).toContainEqual(
      expect.objectContaining({ field: 'email', mine: undefined, theirs: 'casa@example.org', changedByMe: true }),
    );
  });

  it('"theirs plus mine" keeps their changes and applies only the fields this coordinator changed', () => {
    expect(theirsPlusMine(base, mine, theirs)).toEqual({
      ...theirs,
      phones: mine.phones,
      provenance: mine.provenance,
    });
  });

  it('"theirs plus mine" removes a field this coordinator removed, and keeps one only they added', () => {
    const { email: _removed, ...withoutEmail } = mine;
    const theirsWithUrl = { ...theirs, url: 'https://example.org' };
    const merged = theirsPlusMine(base, withoutEmail, theirsWithUrl);
    expect(merged).not.toHaveProperty('email');
    expect(merged.url).toBe('https://example.org');
  });

  it('for a new record both created, every field of mine is mine', () => {
    const otherNew = { id: 'casa-refugio', name: { es: 'Otra', en: 'Other' }, url: 'https://example.org' };
    expect(compareVersions(undefined, mine, otherNew).every((f) => f.changedByMe || f.mine === undefined)).toBe(true);
    expect(theirsPlusMine(undefined, mine, otherNew)).toEqual({ ...mine, url: 'https://example.org' });
  });
});
