import { z } from 'zod';
import { CONSOLE_ROOT } from '../console/protocol';
import { stageShape } from './protocol';

// Apart from protocol.ts, which the field app loads: the console's schemas stay out of its chunks.

/** Where the console reads a jurisdiction's counts. */
export const consoleAggregatesPath = (jurisdictionId: string) =>
  `${CONSOLE_ROOT}/jurisdictions/${encodeURIComponent(jurisdictionId)}/aggregates`;

/** A jurisdiction's counts as the console reads them: summed over every device, newest week first. */
export const ConsoleAggregatesSchema = z.strictObject({
  /** Whether this server collects them now (RUTAS_AGGREGATES); counts received earlier stay listed. */
  collecting: z.boolean(),
  weeks: z.array(
    z.strictObject({ week: z.string(), counts: z.strictObject(stageShape(z.number().int().nonnegative())) }),
  ),
});
export type ConsoleAggregates = z.infer<typeof ConsoleAggregatesSchema>;
