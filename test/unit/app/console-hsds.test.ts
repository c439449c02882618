import { describe, expect, it } from 'vitest';
import { hsdsSelectionProblem } from '../../../src/app/features/console-hsds/components/hsds-files';
import { HSDS_IMPORT_MAX_BYTES as HSDS_MAX_BYTES } from '../../../src/core/hsds/report';

const file = (name: string, size = 1000) => ({ name, size });

describe('choosing files for an HSDS import', () => {
  it('takes one JSON document', () => {
    expect(hsdsSelectionProblem([file('services.json')])).toBeUndefined();
  });

  it('takes the tabular package: CSV files with their datapackage.json', () => {
    expect(
      hsdsSelectionProblem([file('datapackage.json'), file('organizations.csv'), file('services.csv')]),
    ).toBeUndefined();
  });

  it('refuses CSV files without their datapackage.json', () => {
    expect(hsdsSelectionProblem([file('organizations.csv'), file('services.csv')])).toBe('noDatapackage');
  });

  it('refuses two JSON documents at once, and a JSON document among CSV files', () => {
    expect(hsdsSelectionProblem([file('a.json'), file('b.json')])).toBe('severalJson');
    expect(hsdsSelectionProblem([file('datapackage.json'), file('a.json'), file('services.csv')])).toBe('severalJson');
  });

  it('refuses other kinds of file and an empty choice', () => {
    expect(hsdsSelectionProblem([file('services.xlsx')])).toBe('unsupported');
    expect(hsdsSelectionProblem([])).toBe('empty');
  });

  it('refuses more than 50 MB in all before anything is read or sent', () => {
    expect(hsdsSelectionProblem([file('services.json', HSDS_MAX_BYTES)])).toBeUndefined();
    expect(hsdsSelectionProblem([file('services.json', HSDS_MAX_BYTES + 1)])).toBe('tooLarge');
    const half = HSDS_MAX_BYTES / 2;
    expect(hsdsSelectionProblem([file('datapackage.json', 10), file('a.csv', half), file('b.csv', half)])).toBe(
      'tooLarge',
    );
  });

  it('refuses more files than one import takes', () => {
    const many = [file('datapackage.json'), ...Array.from({ length: 50 }, (_, i) => file(`t${i}.csv`))];
    expect(hsdsSelectionProblem(many)).toBe('tooMany');
  });
});
