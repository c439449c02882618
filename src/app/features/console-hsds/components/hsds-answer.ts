import { z } from 'zod';

/*
 * The import's answers (HsdsImportReport and HsdsProblem of src/core/hsds/report.ts), read leniently (fields the console does not show are let through) so
 * that a report with something extra still shows what was mapped and skipped.
 */

const SkipSchema = z.object({ code: z.string(), file: z.string(), where: z.string(), message: z.string() });

const ReportSchema = z.object({
  providers: z.array(
    z.object({
      providerId: z.string(),
      name: z.string(),
      mapped: z.array(z.object({ field: z.string(), from: z.string() })),
      skipped: z.array(SkipSchema),
    }),
  ),
  skipped: z.array(SkipSchema),
});

/** What an import put into the draft: the ids of the providers it added and updated, and the report. */
export const HsdsImportOutcomeSchema = z.object({
  added: z.array(z.string()),
  updated: z.array(z.string()),
  report: ReportSchema,
});
export type HsdsImportOutcome = z.infer<typeof HsdsImportOutcomeSchema>;

const ProblemSchema = z.object({
  code: z.string(),
  file: z.string().optional(),
  line: z.number().optional(),
  path: z.string().optional(),
  message: z.string(),
});

const RefusalSchema = z.object({ problems: z.array(ProblemSchema).min(1) });
export type HsdsImportProblem = z.infer<typeof ProblemSchema>;

/** The problems that refused a whole import, when a refusal's answer lists them. */
export function importProblems(body: unknown): HsdsImportProblem[] | undefined {
  const refusal = RefusalSchema.safeParse(body);
  return refusal.success ? refusal.data.problems : undefined;
}

/**
 * The HSDS document to save from the export's answer: the organization list itself when the
 * server wraps it with counts, as handbookToHsds does.
 */
export function exportedDocument(answer: unknown): { document: unknown; restrictedLeftOut?: number } {
  const wrapped = z
    .object({ hsds: z.object({ contents: z.array(z.unknown()) }).loose(), restrictedLeftOut: z.number().optional() })
    .safeParse(answer);
  if (!wrapped.success) return { document: answer };
  return { document: wrapped.data.hsds, restrictedLeftOut: wrapped.data.restrictedLeftOut };
}
