import type { DraftRecord } from '../../../../core/console/protocol';
import { textFrom } from '../../../components/editor/text-form';
import type { ProviderChoice } from './route-rules';

/** The draft's providers as a step can name them: id, name, and whether they are archived. */
export function providerChoices(providerRecords: readonly DraftRecord[]): ProviderChoice[] {
  return providerRecords.map((record) => ({
    id: typeof record.body.id === 'string' ? record.body.id : record.key.replace(/^provider\//, ''),
    name: textFrom(record.body.name),
    archived: record.archived,
  }));
}
