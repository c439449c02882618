/**
 * Service types of PRODUCT.md. Each maps to an Open Referral HSDS taxonomy term in
 * `hsdsTaxonomyTerm` so that imports and exports can translate them.
 */
export const SERVICE_TYPES = [
  'emergency',
  'health',
  'sexual_violence_care',
  'mental_health',
  'shelter',
  'legal_aid',
  'prosecutor',
  'child_protection',
  'consular',
  'migration_asylum',
  'case_management',
  'livelihoods',
  'interpretation',
] as const;

export const POPULATIONS = ['women', 'children', 'men', 'lgbtiq', 'migrants', 'indigenous', 'disability'] as const;

/** Stages of an action route, in the order a case moves through them. */
export const ROUTE_STAGE_KINDS = [
  'identification',
  'immediate_assistance',
  'protection',
  'referral',
  'investigation',
  'reintegration',
  'follow_up',
] as const;

/** Decision points that change the route for a case. */
export const CASE_FACTS = [
  'child',
  'foreign_national',
  'sexual_violence_72h',
  'immediate_danger',
  'lgbtiq',
  'disability',
  'consent',
  'wishes_to_report',
] as const;
