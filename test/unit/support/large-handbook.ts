import type { HandbookInput } from '../../../src/core/handbook/schema';
import { provider, sampleHandbookInput } from './handbook-fixture';

/**
 * The sample handbook grown to `providerCount` generated providers (every tenth restricted),
 * for tests that need a jurisdiction the size of a large city. `edition` changes one provider
 * and the jurisdiction summary, so each edition is a new release of the same jurisdiction.
 */
export function largeHandbookInput(providerCount: number, edition = 0): HandbookInput {
  const input = sampleHandbookInput();
  input.jurisdiction.summary = {
    es: `Municipio fronterizo de prueba, edición ${edition}.`,
    en: `A test border municipality, edition ${edition}.`,
  };
  for (let i = 0; i < providerCount; i++) {
    const changed = i === edition % providerCount;
    input.providers.push(
      provider({
        id: `servicio-${String(i).padStart(5, '0')}`,
        name: { es: `Servicio de prueba ${i}`, en: `Test service ${i}` },
        description: {
          es: `Atención de casos número ${i}${changed ? `, revisada en la edición ${edition}` : ''}.`,
          en: `Case management number ${i}${changed ? `, revised in edition ${edition}` : ''}.`,
        },
        phones: [{ number: '+50426533544', type: 'voice' }],
        visibility: i % 10 === 9 ? 'restricted' : 'public',
      }),
    );
  }
  return input;
}
