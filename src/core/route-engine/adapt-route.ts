import { deriveCaseFacts, isCareWindowOpen } from '../case/facts';
import { distanceKm } from '../geo/distance';
import type { Population, RouteStage, RouteStep, ServiceType } from '../handbook/schema';
import { isOpenAtLocalTime, type LocalTime, localTimeIn } from '../schedule/open-now';
import type {
  AdaptedRoute,
  AdaptedStep,
  CaseFact,
  DeadlineKind,
  ProviderFit,
  RoutableProvider,
  RouteCase,
  SafeguardKind,
} from './types';

/** Providers suggested per step besides the responsible ones: enough to choose, few enough to read on a phone. */
export const MAX_SUGGESTED_PROVIDERS = 5;

/**
 * The care each safeguard stands for: the service type specialised in it, and others that can
 * also give it. A safeguard step needs these, having no responsible provider to take services
 * from; a route step written for the same decision point needs them too, so that it still
 * offers providers when its responsible one is unknown to the device.
 */
const SAFEGUARD_CARE: Readonly<Record<SafeguardKind, { specialised: ServiceType; also: readonly ServiceType[] }>> = {
  emergency: { specialised: 'emergency', also: [] },
  sexual_violence_care: { specialised: 'sexual_violence_care', also: ['health'] },
  child_protection: { specialised: 'child_protection', also: [] },
};

/** The populations a provider may serve that a fact of the case calls for; women and men are not asked. */
const POPULATION_OF_FACT: Partial<Record<CaseFact, Population>> = {
  child: 'children',
  foreign_national: 'migrants',
  lgbtiq: 'lgbtiq',
  disability: 'disability',
};

/** Order of the output: immediate danger, then care after sexual violence, then the route's own order. */
const PRIORITY = { emergency: 0, health: 1, route: 2 } as const;

const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const openRank = (open: boolean | null) => (open === true ? 0 : open === null ? 1 : 2);
/** Nearer first; an unknown distance after every known one. */
const compareDistances = (a: number | null, b: number | null) =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : a - b;

/** What makes a provider a better fit for this case whatever the step: computed at most once per provider. */
interface CaseFit {
  provider: RoutableProvider;
  population: boolean;
  language: boolean;
  openNow: boolean | null;
  distanceKm: number | null;
}

/** Responsible first; then specialised care, service, population, language, open now, distance; the id keeps the order total. */
function compareFits(a: ProviderFit, b: ProviderFit): number {
  return (
    Number(b.responsible) - Number(a.responsible) ||
    Number(b.specialised) - Number(a.specialised) ||
    Number(b.service) - Number(a.service) ||
    compareCaseFits(a, b) ||
    compareIds(a.providerId, b.providerId)
  );
}

function compareCaseFits(a: Omit<CaseFit, 'provider'>, b: Omit<CaseFit, 'provider'>): number {
  return (
    Number(b.population) - Number(a.population) ||
    Number(b.language) - Number(a.language) ||
    openRank(a.openNow) - openRank(b.openNow) ||
    compareDistances(a.distanceKm, b.distanceKm)
  );
}

/**
 * The providers of a jurisdiction indexed once per computation: by id, and by service type in
 * order of fit. Fits, "open now" and distances are computed lazily, once per provider, so a
 * route of many steps costs little more than a route of few.
 */
class ProviderIndex {
  private readonly byId = new Map<string, number>();
  private readonly byService = new Map<ServiceType, number[]>();
  private readonly sortedServices = new Set<ServiceType>();
  private readonly fits: (CaseFit | undefined)[] = [];
  private localTime: LocalTime | undefined;

  constructor(
    private readonly input: RouteCase,
    private readonly populations: ReadonlySet<Population>,
    private readonly language: string | null,
  ) {
    input.providers.forEach((provider, index) => {
      // A provider listed twice counts once, as first listed.
      if (this.byId.has(provider.id)) return;
      this.byId.set(provider.id, index);
      for (const service of new Set(provider.services)) {
        const list = this.byService.get(service);
        if (list) list.push(index);
        else this.byService.set(service, [index]);
      }
    });
  }

  indexOf(id: string): number | undefined {
    return this.byId.get(id);
  }

  provider(index: number): RoutableProvider {
    return this.input.providers[index] as RoutableProvider;
  }

  fit(index: number): CaseFit {
    const known = this.fits[index];
    if (known) return known;
    const provider = this.provider(index);
    const { position } = this.input;
    const fit: CaseFit = {
      provider,
      population: provider.populations.some((population) => this.populations.has(population)),
      language: this.language === null || provider.languages.includes(this.language),
      openNow: provider.schedules.length === 0 ? null : isOpenAtLocalTime(provider.schedules, this.wallClock()),
      distanceKm:
        position && provider.latitude !== undefined && provider.longitude !== undefined
          ? distanceKm(position, { latitude: provider.latitude, longitude: provider.longitude })
          : null,
    };
    this.fits[index] = fit;
    return fit;
  }

  /** Providers offering a service type, best fit first. */
  offering(service: ServiceType): readonly number[] {
    const list = this.byService.get(service);
    if (!list) return [];
    if (!this.sortedServices.has(service)) {
      list.sort(
        (a, b) => compareCaseFits(this.fit(a), this.fit(b)) || compareIds(this.provider(a).id, this.provider(b).id),
      );
      this.sortedServices.add(service);
    }
    return list;
  }

  private wallClock(): LocalTime {
    this.localTime ??= localTimeIn(this.input.timeZone, this.input.now);
    return this.localTime;
  }
}

/** A step applies when every fact in `all` holds and none in `none` does; a step without conditions always does. */
function applies(step: RouteStep, facts: ReadonlySet<CaseFact>): boolean {
  const conditions = step.conditions;
  if (!conditions) return true;
  return conditions.all.every((fact) => facts.has(fact)) && !conditions.none.some((fact) => facts.has(fact));
}

const requires = (step: RouteStep, fact: CaseFact) => step.conditions?.all.includes(fact) ?? false;

/** The step's responsible providers that this device knows, each once, in the route's order. */
function responsibleOf(step: RouteStep, index: ProviderIndex): number[] {
  const found = new Set<number>();
  for (const id of step.responsible) {
    const at = index.indexOf(id);
    if (at !== undefined) found.add(at);
  }
  return [...found];
}

/** What a step needs of its providers. */
interface StepNeeds {
  services: ReadonlySet<ServiceType>;
  /** Service types specialised in the care the step is for: a provider offering one fits better. */
  specialised: ReadonlySet<ServiceType>;
}

/**
 * The decision points' care a route step gives: emergency when written for immediate danger,
 * care after sexual violence when written for it, child protection when written for children
 * (`child` among its conditions) with a responsible provider offering child protection — a
 * step for children with only a shelter responsible does not stand in for the authority.
 */
function careOf(step: RouteStep, responsible: readonly number[], index: ProviderIndex): SafeguardKind[] {
  const care: SafeguardKind[] = [];
  if (requires(step, 'immediate_danger')) care.push('emergency');
  if (requires(step, 'sexual_violence_72h')) care.push('sexual_violence_care');
  if (requires(step, 'child') && responsible.some((at) => index.provider(at).services.includes('child_protection'))) {
    care.push('child_protection');
  }
  return care;
}

/** The services of the step's responsible providers, and those of the care it gives. */
function needsOf(responsible: readonly number[], care: readonly SafeguardKind[], index: ProviderIndex): StepNeeds {
  const services = new Set<ServiceType>();
  const specialised = new Set<ServiceType>();
  for (const at of responsible) for (const service of index.provider(at).services) services.add(service);
  for (const kind of care) {
    specialised.add(SAFEGUARD_CARE[kind].specialised);
    for (const service of [SAFEGUARD_CARE[kind].specialised, ...SAFEGUARD_CARE[kind].also]) services.add(service);
  }
  return { services, specialised };
}

/** The step's providers: the responsible ones first, then up to MAX_SUGGESTED_PROVIDERS others offering a service it needs. */
function providersFor(responsible: readonly number[], needs: StepNeeds, index: ProviderIndex): ProviderFit[] {
  const fitOf = (at: number, isResponsible: boolean): ProviderFit => {
    const fit = index.fit(at);
    const { services } = fit.provider;
    return {
      providerId: fit.provider.id,
      responsible: isResponsible,
      service: services.some((service) => needs.services.has(service)),
      specialised: services.some((service) => needs.specialised.has(service)),
      population: fit.population,
      language: fit.language,
      openNow: fit.openNow,
      distanceKm: fit.distanceKm,
    };
  };
  const excluded = new Set(responsible);
  // Each list is in order of fit for the case. A provider among the best others overall has
  // fewer than MAX_SUGGESTED_PROVIDERS others before it in one of its lists (in a list of a
  // specialised service, if it offers one): taking that many from each list is enough.
  const candidates = new Set<number>();
  for (const service of needs.services) {
    let taken = 0;
    for (const at of index.offering(service)) {
      if (taken === MAX_SUGGESTED_PROVIDERS) break;
      if (excluded.has(at)) continue;
      candidates.add(at);
      taken++;
    }
  }
  const others = [...candidates]
    .map((at) => fitOf(at, false))
    .sort(compareFits)
    .slice(0, MAX_SUGGESTED_PROVIDERS);
  return [...responsible.map((at) => fitOf(at, true)).sort(compareFits), ...others];
}

interface Placed {
  step: AdaptedStep;
  priority: number;
}

/**
 * This case's route: the steps whose conditions hold, in the route's order except that
 * immediate danger comes first and care after recent sexual violence next; safeguard steps
 * where the route lacks a step the case needs; and for each step the providers that fit.
 * Pure: the same input gives a deep-equal result.
 */
export function adaptRoute(input: RouteCase): AdaptedRoute {
  const { route } = input;
  const { facts, assumptions, deadlines } = deriveCaseFacts(input.answers, input.now);
  const held = new Set(facts);
  // Recent sexual violence: within 120 h, or at an unknown time — care still helps.
  const careWindowOpen = isCareWindowOpen(deadlines);
  const deadlineKinds: DeadlineKind[] = deadlines.map((deadline) => deadline.kind);
  const populations = new Set(facts.flatMap((fact) => POPULATION_OF_FACT[fact] ?? []));
  const language = input.personLanguage ? (input.personLanguage.split('-')[0] ?? '').toLowerCase() || null : null;
  const index = new ProviderIndex(input, populations, language);

  const stageOfKind = (kind: RouteStage['kind']) => route.stages.find((stage) => stage.kind === kind);
  const firstStage = route.stages[0] as RouteStage;

  const placedStep = (
    stage: RouteStage,
    step: RouteStep | null,
    care: readonly SafeguardKind[],
    responsible: readonly number[],
  ): Placed => ({
    priority: care.includes('emergency')
      ? PRIORITY.emergency
      : care.includes('sexual_violence_care')
        ? PRIORITY.health
        : PRIORITY.route,
    step: {
      stageId: stage.id,
      stageKind: stage.kind,
      stageTitle: stage.title,
      stepId: step ? step.id : `safeguard-${care[0]}`,
      step,
      safeguard: step ? null : (care[0] ?? null),
      deadlines: care.includes('sexual_violence_care') ? [...deadlineKinds] : [],
      providers: providersFor(responsible, needsOf(responsible, care, index), index),
    },
  });
  const safeguardStep = (stage: RouteStage, kind: SafeguardKind): Placed => placedStep(stage, null, [kind], []);

  const applying = route.stages.map((stage) =>
    stage.steps
      .filter((step) => applies(step, held))
      .map((step) => {
        const responsible = responsibleOf(step, index);
        return { step, responsible, care: careOf(step, responsible, index) };
      }),
  );
  const cared = new Set(applying.flat().flatMap((entry) => entry.care));

  const placed: Placed[] = [];
  const assistanceStage = stageOfKind('immediate_assistance') ?? firstStage;
  if (held.has('immediate_danger') && !cared.has('emergency')) placed.push(safeguardStep(assistanceStage, 'emergency'));
  if (careWindowOpen && !cared.has('sexual_violence_care')) {
    placed.push(safeguardStep(assistanceStage, 'sexual_violence_care'));
  }

  // A child-protection safeguard opens the protection stage; without one it follows identification.
  const protectionStage = stageOfKind('protection');
  const lastIdentification = route.stages.findLast((stage) => stage.kind === 'identification');
  const childSafeguard =
    !held.has('child') || cared.has('child_protection')
      ? null
      : protectionStage
        ? { stage: protectionStage, first: true }
        : lastIdentification
          ? { stage: lastIdentification, first: false }
          : { stage: firstStage, first: true };
  route.stages.forEach((stage, at) => {
    const safeguardHere = childSafeguard?.stage === stage ? safeguardStep(stage, 'child_protection') : null;
    if (safeguardHere && childSafeguard?.first) placed.push(safeguardHere);
    for (const { step, responsible, care } of applying[at] ?? []) {
      placed.push(placedStep(stage, step, care, responsible));
    }
    if (safeguardHere && !childSafeguard?.first) placed.push(safeguardHere);
  });

  // Array.prototype.sort is stable: within a priority the route's order stays.
  placed.sort((a, b) => a.priority - b.priority);

  return {
    routeId: route.id,
    facts,
    assumptions,
    deadlines,
    steps: placed.map((entry) => entry.step),
  };
}
