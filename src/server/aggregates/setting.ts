/** The environment variable that turns anonymous aggregates on for a deployment. */
export const AGGREGATES_VARIABLE = 'RUTAS_AGGREGATES';

/**
 * Whether this deployment collects anonymous aggregates: only when RUTAS_AGGREGATES is `on`.
 * Anything but `on`, `off` or nothing is refused rather than guessed, so that a typo can
 * neither start collecting nor leave a deployment that meant to collect silently off.
 */
export function aggregatesFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = (env[AGGREGATES_VARIABLE] ?? '').trim().toLowerCase();
  if (value === 'on') return true;
  if (value === '' || value === 'off') return false;
  throw new Error(`${AGGREGATES_VARIABLE} must be "on" or "off" (it is "${env[AGGREGATES_VARIABLE]}")`);
}
