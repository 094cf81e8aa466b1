import type { Stack, StackService } from '../stack/types.js';
import { findApplyingRules } from './rule-pack.js';
import type { MigrationStep, UpgradeContext, UpgradeRule, UpgradeVerdict } from './rules/types.js';
import { compareVersions, inVariantOf, listNewerTags, parseTagVersion, splitImageReference } from './version.js';

/** What a registry (or this host) says about one tag of a repository. */
export interface TagFacts {
  readonly tag: string;
  /** When the image was built (the `created` of its image config), ISO 8601; undefined when unknown. */
  readonly createdAt?: string;
  /** Manifest digest (registry) or repo digest (this host). */
  readonly digest?: string;
}

/** Where newer tags of a service's repository were looked for, and what was found. */
export type ImageSource =
  | { readonly kind: 'registry'; readonly host: string; readonly tags: readonly TagFacts[] }
  | { readonly kind: 'registry-error'; readonly host: string; readonly reason: string }
  /** No registry for this image: only the catalog and the images on this host. */
  | { readonly kind: 'offline' };

export interface ServiceImageFacts {
  readonly source: ImageSource;
  /** Tags of the same repository present on this host (with their build time). */
  readonly local: readonly TagFacts[];
  /** The digest of the current tag on this host (for tags that are not versions). */
  readonly currentDigest?: string;
}

export interface PlanUpgradeInput {
  readonly stack: Stack;
  /** The catalog's pinned `repository:tag` per catalog id (the release channel). */
  readonly catalogPins: Readonly<Record<string, { readonly repository: string; readonly tag: string }>>;
  /** The image each service runs in the last healthy revision (when there is one). */
  readonly running: Readonly<Record<string, string>>;
  readonly facts: Readonly<Record<string, ServiceImageFacts>>;
  readonly now: Date;
  /** Days a tag newer than the catalog's waits after it was built. @default 7 */
  readonly quarantineDays?: number;
  readonly quarantineByService?: Readonly<Record<string, number>>;
}

export interface StepRule {
  readonly id: string;
  readonly verdict: Exclude<UpgradeVerdict, 'safe'>;
  readonly title: string;
  readonly why: string;
  readonly migration: string;
}

export interface UpgradeStep {
  readonly to: string;
  readonly toTag: string;
  /** `catalog`: the tag this aistack release pins; `registry`/`local`: a newer tag found there; `digest`: the same tag, rebuilt. */
  readonly origin: 'catalog' | 'registry' | 'local' | 'digest';
  readonly verdict: UpgradeVerdict;
  /** Rules that apply, and the quarantine as a pseudo-rule `quarantine`. */
  readonly rules: readonly StepRule[];
  /** What aistack runs during apply (always a verified backup first). */
  readonly migrationSteps: readonly MigrationStep[];
  readonly createdAt?: string;
  readonly quarantinedUntil?: string;
}

export interface ServiceUpgradePlan {
  readonly service: string;
  readonly catalogId: string | undefined;
  readonly current: { readonly reference: string; readonly tag: string; readonly from: 'revision' | 'manifest' };
  readonly catalogTag: string | undefined;
  /** Where newer tags were looked for. */
  readonly source: 'registry' | 'registry-error' | 'offline';
  readonly sourceNote: string;
  readonly steps: readonly UpgradeStep[];
  /** Rules about the current version itself (a sunset service). */
  readonly standing: readonly StepRule[];
}

export interface UpgradePlan {
  readonly stack: string;
  readonly generatedAt: string;
  readonly offline: boolean;
  readonly quarantineDays: number;
  readonly services: readonly ServiceUpgradePlan[];
}

const DAY_MS = 86_400_000;
export const DEFAULT_QUARANTINE_DAYS = 7;
export const QUARANTINE_RULE_ID = 'quarantine';

/**
 * Decide, per service, which upgrade steps exist and what each one needs: the catalog's pin
 * first, then newer tags a registry (or this host) has, each judged by the rule pack and the
 * quarantine. Pure: the facts come in, nothing is looked up.
 */
export function planUpgrade(input: PlanUpgradeInput): UpgradePlan {
  const defaultDays = input.quarantineDays ?? DEFAULT_QUARANTINE_DAYS;
  const services = input.stack.services
    .filter((service) => !service.infrastructure)
    .map((service) => planService(input, service, input.quarantineByService?.[service.id] ?? defaultDays))
    .sort((a, b) => (a.service < b.service ? -1 : a.service > b.service ? 1 : 0));
  return {
    stack: input.stack.name,
    generatedAt: input.now.toISOString(),
    offline: services.every((service) => service.source !== 'registry'),
    quarantineDays: defaultDays,
    services,
  };
}

function planService(input: PlanUpgradeInput, service: StackService, quarantineDays: number): ServiceUpgradePlan {
  const runningReference = input.running[service.id];
  const currentReference = runningReference ?? service.image;
  const current = splitImageReference(currentReference);
  const pin = service.catalogId ? input.catalogPins[service.catalogId] : undefined;
  const facts = input.facts[service.id] ?? { source: { kind: 'offline' as const }, local: [] };
  const context = (toRepository: string, toTag: string | undefined): UpgradeContext => ({
    service: service.id,
    catalogId: service.catalogId,
    fromRepository: current.repository,
    fromTag: current.tag,
    toRepository,
    toTag,
    environment: {
      ...service.environment,
      ...Object.fromEntries(service.secretEnvironment.map((secret) => [secret.variable, '<secret>'])),
    },
    volumeTargets: service.volumes.map((volume) => volume.target),
    replicas: service.replicas,
    gpu: service.gpu !== false,
    stack: input.stack.services.map((other) => ({ id: other.id, catalogId: other.catalogId, environment: other.environment })),
  });
  const steps: UpgradeStep[] = [];
  const seen = new Set<string>([current.tag]);
  const judge = (toTag: string, origin: UpgradeStep['origin'], facts_: TagFacts | undefined, quarantine: boolean): void => {
    if (seen.has(toTag) && origin !== 'digest') return;
    seen.add(toTag);
    const rules = findApplyingRules(context(current.repository, toTag)).map(describeRule);
    const quarantinedUntil = quarantine ? quarantineEnd(facts_?.createdAt, quarantineDays, input.now) : undefined;
    if (quarantinedUntil !== undefined) {
      rules.push({
        id: QUARANTINE_RULE_ID,
        verdict: 'blocked',
        title:
          quarantinedUntil === 'unknown'
            ? `newer than the catalog's pin and its build time is unknown (quarantine ${quarantineDays} days)`
            : `newer than the catalog's pin and built less than ${quarantineDays} days ago: quarantined until ${quarantinedUntil.slice(0, 10)}`,
        why:
          'a fresh release has had no time to be found bad (two malicious LiteLLM releases were published on PyPI on ' +
          '2026-03-24); the catalog pins tested versions',
        migration: `wait, pick the catalog's version, lower upgrade.quarantine.${service.id} in aistack.yaml, or \`--accept ${QUARANTINE_RULE_ID}\``,
      });
    }
    steps.push({
      to: `${current.repository}:${toTag}`,
      toTag,
      origin,
      verdict: worstVerdict(rules.map((rule) => rule.verdict)),
      rules,
      migrationSteps: [...new Set(findApplyingRules(context(current.repository, toTag)).flatMap((rule) => rule.steps))],
      ...(facts_?.createdAt ? { createdAt: facts_.createdAt } : {}),
      ...(quarantinedUntil !== undefined ? { quarantinedUntil } : {}),
    });
  };

  // 1. The catalog's pin (tested with this aistack release): no quarantine.
  const catalogTag = pin && sameRepository(pin.repository, current.repository) ? inVariantOf(pin.tag, current.tag) : undefined;
  if (catalogTag !== undefined && isNewer(catalogTag, current.tag)) judge(catalogTag, 'catalog', undefined, false);
  // 2. Newer tags in the registry, or on this host when no registry answered.
  const found = facts.source.kind === 'registry' ? facts.source.tags : facts.local;
  const origin = facts.source.kind === 'registry' ? 'registry' : 'local';
  const byTag = new Map(found.map((tag) => [tag.tag, tag]));
  const floor = catalogTag !== undefined && isNewer(catalogTag, current.tag) ? catalogTag : current.tag;
  for (const tag of listNewerTags(floor, [...byTag.keys()])) judge(tag, origin, byTag.get(tag), true);
  // 3. A tag that is not a version: has it moved to another image?
  if (parseTagVersion(current.tag) === undefined && facts.source.kind === 'registry' && facts.currentDigest !== undefined) {
    const remote = byTag.get(current.tag);
    if (remote?.digest !== undefined && remote.digest !== facts.currentDigest) judge(current.tag, 'digest', remote, true);
  }
  return {
    service: service.id,
    catalogId: service.catalogId,
    current: { reference: currentReference, tag: current.tag, from: runningReference ? 'revision' : 'manifest' },
    catalogTag: pin?.tag,
    source: facts.source.kind,
    sourceNote:
      facts.source.kind === 'registry'
        ? `registry ${facts.source.host}`
        : facts.source.kind === 'registry-error'
          ? `registry ${facts.source.host} did not answer (${facts.source.reason}); catalog and this host only`
          : 'no registry; catalog and this host only',
    steps,
    standing: findApplyingRules(context(current.repository, undefined)).map(describeRule),
  };
}

/**
 * The running images keyed by the stack's ids: a service whose id was retired (`openmemory`, now
 * `mem0`) is what its successor replaces, so the plan compares against it. Pure.
 */
export function followRetiredIds(
  running: Readonly<Record<string, string>>,
  aliases: readonly { readonly id: string; readonly to: string }[],
  stackIds: ReadonlySet<string>,
): Record<string, string> {
  const followed: Record<string, string> = { ...running };
  for (const alias of aliases) {
    const before = running[alias.id];
    if (before !== undefined && followed[alias.to] === undefined && stackIds.has(alias.to)) followed[alias.to] = before;
  }
  return followed;
}

function describeRule(rule: UpgradeRule): StepRule {
  return { id: rule.id, verdict: rule.verdict, title: rule.title, why: rule.why, migration: rule.migration };
}

/** blocked > needs-migration > safe. */
export function worstVerdict(verdicts: readonly UpgradeVerdict[]): UpgradeVerdict {
  if (verdicts.includes('blocked')) return 'blocked';
  if (verdicts.includes('needs-migration')) return 'needs-migration';
  return 'safe';
}

/** When a tag leaves quarantine (ISO), `unknown` without a build time, undefined when it already has. */
/** The end of the quarantine (ISO), `unknown` when the build time is not known, or undefined when none applies. */
function quarantineEnd(createdAt: string | undefined, days: number, now: Date): string | undefined {
  if (days <= 0) return undefined;
  const built = createdAt === undefined ? Number.NaN : Date.parse(createdAt);
  if (Number.isNaN(built)) return 'unknown';
  const end = built + days * DAY_MS;
  return end > now.getTime() ? new Date(end).toISOString() : undefined;
}

function isNewer(candidate: string, current: string): boolean {
  const a = parseTagVersion(candidate);
  const b = parseTagVersion(current);
  if (!a || !b) return candidate !== current && b === undefined && a !== undefined;
  return compareVersions(a, b) > 0;
}

/** `ghcr.io/open-webui/open-webui` and `mirror:5000/open-webui/open-webui` name the same repository. */
function sameRepository(a: string, b: string): boolean {
  const strip = (repository: string): string => {
    const [first, ...rest] = repository.split('/');
    return rest.length > 0 && first !== undefined && (first.includes('.') || first.includes(':') || first === 'localhost')
      ? rest.join('/')
      : repository;
  };
  return strip(a) === strip(b) || a.endsWith(`/${strip(b)}`) || b.endsWith(`/${strip(a)}`);
}
