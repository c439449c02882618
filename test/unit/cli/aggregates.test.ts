import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { aggregatesCommand } from '../../../src/cli/commands/aggregates';
import { openStorage } from '../../../src/server/storage/open';
import { cliStoreForEachTest, printed } from '../support/cli-store';

const cli = cliStoreForEachTest();

describe('rutas aggregates', () => {
  it('prints the sums by week, newest first, with a column per route stage and a total', async () => {
    const storage = await openStorage({ dataDir: cli.dataDir });
    try {
      for (const [week, counts] of [
        ['2026-W46', { identification: 1 }],
        ['2026-W47', { identification: 2, referral: 1 }],
        ['2026-W47', { referral: 3 }],
      ] as const) {
        await storage.saveAggregateBatch({ id: randomUUID(), jurisdictionId: 'hn-prueba', week, counts });
      }
    } finally {
      await storage.close();
    }
    expect(await aggregatesCommand('hn-prueba')).toBe(0);
    const lines = printed(cli.log).split('\n');
    expect(lines[0]?.split(/\s+/)).toEqual([
      'week',
      'identification',
      'immediate_assistance',
      'protection',
      'referral',
      'investigation',
      'reintegration',
      'follow_up',
      'total',
    ]);
    expect(lines.slice(1).map((line) => line.split(/\s+/))).toEqual([
      ['2026-W47', '2', '0', '0', '4', '0', '0', '0', '6'],
      ['2026-W46', '1', '0', '0', '0', '0', '0', '0', '1'],
    ]);
  });

  it('says when there is nothing, and how to turn collection on; a missing jurisdiction is a usage error', async () => {
    expect(await aggregatesCommand('hn-prueba')).toBe(0);
    expect(printed(cli.log)).toMatch(/No anonymous counts for hn-prueba .*RUTAS_AGGREGATES=on/);
    expect(await aggregatesCommand(undefined)).toBe(1);
    expect(printed(cli.error)).toMatch(/Usage: rutas aggregates <jurisdiction>/);
  });
});
