import { describe, expect, it } from 'vitest';
import { ReleaseBodies } from '../../../../src/server/api/release-bodies';

describe('the serialised releases a server keeps', () => {
  it('computes the changes once when a whole fleet asks for them at the same moment', async () => {
    const bodies = new ReleaseBodies();
    let loads = 0;
    const load = async () => {
      loads += 1;
      await new Promise((resolve) => setTimeout(resolve, 10));
      return { changed: ['provider/casa-refugio'] };
    };
    const answers = await Promise.all(Array.from({ length: 200 }, () => bodies.get('changes public hn 2 1', load)));
    expect(loads).toBe(1);
    expect(new Set(answers)).toEqual(new Set(['{"changed":["provider/casa-refugio"]}']));
  });

  it('does not keep a failure or a missing release: the next request tries again', async () => {
    const bodies = new ReleaseBodies();
    await expect(bodies.get('k', () => Promise.reject(new Error('database down')))).rejects.toThrow('database down');
    expect(await bodies.get('k', async () => undefined)).toBeUndefined();
    expect(await bodies.get('k', async () => ({ ok: true }))).toBe('{"ok":true}');
  });

  it('lets the least recently used bodies go when it holds more than its budget', async () => {
    const bodies = new ReleaseBodies(25);
    let loads = 0;
    const load = (text: string) => async () => {
      loads += 1;
      return text;
    };
    await bodies.get('a', load('aaaaaaaaaa'));
    await bodies.get('b', load('bbbbbbbbbb'));
    await bodies.get('a', load('aaaaaaaaaa'));
    await bodies.get('c', load('cccccccccc'));
    expect(loads).toBe(3);
    await bodies.get('a', load('aaaaaaaaaa'));
    expect(loads).toBe(3);
    await bodies.get('b', load('bbbbbbbbbb'));
    expect(loads).toBe(4);
  });
});
