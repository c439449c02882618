import type { Provenance } from './schema';

export interface VerificationAge {
  value: number;
  unit: 'day' | 'month' | 'year';
  /** Older than a year: workers should double-check before relying on it. */
  stale: boolean;
}

const DAY_MS = 86_400_000;

/** How long ago a record was verified, in the unit a person would say it; null when never verified. */
export function verificationAge(provenance: Provenance, now: Date): VerificationAge | null {
  if (!provenance.verifiedAt) return null;
  const verified = new Date(`${provenance.verifiedAt}T00:00:00Z`);
  const days = Math.max(0, Math.floor((now.getTime() - verified.getTime()) / DAY_MS));
  const months =
    (now.getUTCFullYear() - verified.getUTCFullYear()) * 12 +
    (now.getUTCMonth() - verified.getUTCMonth()) -
    (now.getUTCDate() < verified.getUTCDate() ? 1 : 0);
  const stale = months >= 12;
  if (days < 45) return { value: days, unit: 'day', stale };
  if (months < 24) return { value: Math.max(1, months), unit: 'month', stale };
  return { value: Math.floor(months / 12), unit: 'year', stale };
}
