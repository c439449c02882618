/** The protection screens' strings (locales/es|en/protection.json), loaded with them. */
export const PROTECTION_STRINGS = ['protection'] as const;
