import type { GraphApiError } from './graph-error';
import type { SandboxState, SimTemplate } from './sandbox-state';
import type { Scheduler } from './scheduler';
import type { Clock, TemplateLimits } from './simulator-options';
import { templateErrors as E } from './template-errors';
import { reviewTemplate } from './template-review';
import { validateTemplateCreate, validateTemplateEdit } from './template-validation';
import {
  buildTemplateCategoryPayload,
  buildTemplateQualityPayload,
  buildTemplateStatusPayload,
  type StatusEventInput,
} from './template-webhooks';

type RegistryDeps = {
  state: SandboxState;
  clock: Clock;
  scheduler: Scheduler;
  reviewMs: number;
  limits: TemplateLimits;
  /** Delivers a WABA-level webhook to every webhook URL of that WABA's numbers. */
  emit: (wabaId: string, payload: unknown) => void;
  persist: () => void;
};

type Result<T> = { ok: true; value: T } | { ok: false; error: GraphApiError };

/** Events an operator (or a test) can make Meta send about a template, and the status each leaves. */
export const ADMIN_TEMPLATE_EVENTS = {
  APPROVED: 'APPROVED',
  REJECTED: 'REJECTED',
  PAUSED: 'PAUSED',
  DISABLED: 'DISABLED',
  REINSTATED: 'APPROVED',
  FLAGGED: null,
  IN_APPEAL: 'IN_APPEAL',
  PENDING_DELETION: 'PENDING_DELETION',
  ARCHIVED: 'ARCHIVED',
  UNARCHIVED: 'APPROVED',
  LIMIT_EXCEEDED: 'LIMIT_EXCEEDED',
} as const satisfies Record<string, string | null>;
export type AdminTemplateEvent = keyof typeof ADMIN_TEMPLATE_EVENTS;

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
const EDITABLE = new Set(['APPROVED', 'REJECTED', 'PAUSED']);

export class UnknownTemplateError extends Error {}

/** Message templates per WABA (§4, §8.8): creation limits, review, edits, deletion and webhooks. */
export class TemplateRegistry {
  private readonly deps: RegistryDeps;
  private readonly byKey = new Map<string, SimTemplate>();
  private readonly creations = new Map<string, number[]>();
  /** An APPROVED template's name cannot be reused for 30 days after deletion (§4.3). */
  private readonly blockedNames = new Map<string, number>();
  private lastId: number;

  constructor(deps: RegistryDeps) {
    this.deps = deps;
    const templates = Object.values(deps.state.templates);
    for (const template of templates)
      this.byKey.set(key(template.wabaId, template.name, template.language), template);
    this.lastId = Math.max(1_600_000_000_000_000, ...templates.map((t) => Number(t.id)));
    // Reviews pending when the simulator stopped are decided again after a restart.
    for (const template of templates) if (template.status === 'PENDING') this.scheduleReview(template);
  }

  create(wabaId: string, body: unknown): Result<SimTemplate> {
    const validated = validateTemplateCreate(body);
    if (!validated.ok) return validated;
    const definition = validated.value;
    const now = this.deps.clock.now();
    if (this.byKey.has(key(wabaId, definition.name, definition.language))) {
      return refuse(
        E.alreadyExists(`A template named ${definition.name} already exists in ${definition.language}.`),
      );
    }
    if ((this.blockedNames.get(`${wabaId}\u0000${definition.name}`) ?? 0) > now) {
      return refuse(
        E.invalidParameter(
          `The name ${definition.name} belonged to an approved template deleted less than 30 days ago; choose another name.`,
        ),
      );
    }
    if (this.list(wabaId).length >= this.deps.limits.perWaba) {
      return refuse(
        E.limitExceeded(
          `This WhatsApp Business Account already has ${this.deps.limits.perWaba} message templates; delete some first.`,
        ),
      );
    }
    const recent = (this.creations.get(wabaId) ?? []).filter((at) => at > now - HOUR_MS);
    if (recent.length >= this.deps.limits.creationsPerHour) {
      return refuse(
        E.creationRate(
          `At most ${this.deps.limits.creationsPerHour} message templates can be created per WhatsApp Business Account per hour.`,
        ),
      );
    }
    this.creations.set(wabaId, [...recent, now]);
    this.lastId += 1 + Math.floor(Math.random() * 1000);
    const template: SimTemplate = {
      id: String(this.lastId),
      wabaId,
      name: definition.name,
      language: definition.language,
      category: definition.category,
      previousCategory: null,
      parameterFormat: definition.parameterFormat,
      components: definition.components,
      status: 'PENDING',
      rejectedReason: null,
      qualityScore: 'UNKNOWN',
      ttlSeconds: definition.ttlSeconds,
      allowCategoryChange: definition.allowCategoryChange,
      createdAt: now,
      editedAt: [],
    };
    this.deps.state.templates[template.id] = template;
    this.byKey.set(key(wabaId, template.name, template.language), template);
    this.scheduleReview(template);
    this.deps.persist();
    return { ok: true, value: template };
  }

  /** §4.3: only APPROVED/REJECTED/PAUSED; no category change once approved; approved ≤1/24 h, ≤10/30 days. */
  edit(id: string, body: unknown): Result<SimTemplate> {
    const template = this.require(id);
    if (!EDITABLE.has(template.status)) {
      return refuse(
        E.statusCannotChange(
          `A ${template.status} template cannot be edited; only APPROVED, REJECTED or PAUSED ones.`,
        ),
      );
    }
    const validated = validateTemplateEdit(body, template);
    if (!validated.ok) return validated;
    const edit = validated.value;
    const now = this.deps.clock.now();
    if (template.status === 'APPROVED') {
      if (edit.category !== undefined && edit.category !== template.category) {
        return refuse(E.invalidParameter('The category of an APPROVED template cannot be edited.'));
      }
      const lastDay = template.editedAt.filter((at) => at > now - DAY_MS).length;
      const lastMonth = template.editedAt.filter((at) => at > now - 30 * DAY_MS).length;
      if (lastDay >= 1 || lastMonth >= 10) {
        return refuse(
          E.invalidParameter(
            'An approved template can be edited once per 24 hours and 10 times per 30 days.',
          ),
        );
      }
    }
    if (edit.category !== undefined) template.category = edit.category;
    if (edit.components !== undefined) template.components = edit.components;
    if (edit.parameterFormat !== undefined) template.parameterFormat = edit.parameterFormat;
    if (edit.ttlSeconds !== undefined) template.ttlSeconds = edit.ttlSeconds;
    // Only edits of an approved template count against its limits; rejected/paused are unlimited.
    if (template.status === 'APPROVED') {
      template.editedAt = [...template.editedAt.filter((at) => at > now - 30 * DAY_MS), now];
    }
    // An edit goes back to review, like a new template.
    if (edit.components !== undefined || edit.category !== undefined) {
      template.status = 'PENDING';
      template.rejectedReason = null;
      this.scheduleReview(template);
    }
    this.deps.persist();
    return { ok: true, value: template };
  }

  /** By name: every language; with `hsmId`: that one (§4.1). DISABLED templates cannot be deleted. */
  delete(wabaId: string, name: string, hsmId: string | undefined): Result<number> {
    const matches = this.list(wabaId).filter(
      (t) => t.name === name && (hsmId === undefined || t.id === hsmId),
    );
    if (matches.length === 0) {
      return refuse(
        E.invalidParameter(
          hsmId
            ? `No template ${hsmId} named ${name} in this account.`
            : `No template named ${name} in this account.`,
        ),
      );
    }
    if (matches.some((t) => t.status === 'DISABLED')) {
      return refuse(E.invalidParameter('DISABLED templates cannot be deleted.'));
    }
    const now = this.deps.clock.now();
    for (const template of matches) {
      if (template.status === 'APPROVED') this.blockedNames.set(`${wabaId}\u0000${name}`, now + 30 * DAY_MS);
      delete this.deps.state.templates[template.id];
      this.byKey.delete(key(wabaId, template.name, template.language));
    }
    this.deps.persist();
    return { ok: true, value: matches.length };
  }

  list(wabaId: string): SimTemplate[] {
    return Object.values(this.deps.state.templates)
      .filter((t) => t.wabaId === wabaId)
      .sort((a, b) => Number(a.id) - Number(b.id));
  }

  find(id: string): SimTemplate | null {
    return this.deps.state.templates[id] ?? null;
  }

  /** O(1): the hot send path looks templates up here. */
  findByName(wabaId: string, name: string, language: string): SimTemplate | null {
    return this.byKey.get(key(wabaId, name, language)) ?? null;
  }

  /** Admin: Meta changes a template's status (pause, disable, reinstate…) and says so by webhook. */
  setStatus(id: string, event: AdminTemplateEvent, extra: Omit<StatusEventInput, 'event'> = {}): SimTemplate {
    const template = this.require(id);
    const status = ADMIN_TEMPLATE_EVENTS[event];
    if (status !== null) template.status = status;
    if (event === 'REJECTED') template.rejectedReason = extra.reason ?? 'NONE';
    const now = this.deps.clock.now();
    const input: StatusEventInput = {
      event,
      ...extra,
      ...(event === 'PAUSED' &&
        !extra.otherInfo && {
          otherInfo: {
            title: 'FIRST_PAUSE',
            description: 'Your template has been paused because of low quality.',
          },
        }),
      ...(event === 'DISABLED' && extra.disableDate === undefined && { disableDate: Math.floor(now / 1000) }),
    };
    this.deps.persist();
    this.deps.emit(template.wabaId, buildTemplateStatusPayload(template, now, input));
    return template;
  }

  setQuality(id: string, score: string): SimTemplate {
    const template = this.require(id);
    const previous = template.qualityScore;
    template.qualityScore = score;
    this.deps.persist();
    this.deps.emit(template.wabaId, buildTemplateQualityPayload(template, this.deps.clock.now(), previous));
    return template;
  }

  /** Runs the review now (also what the scheduled review calls); no-op unless PENDING. */
  review(id: string): SimTemplate | null {
    const template = this.find(id);
    if (template === null || template.status !== 'PENDING') return template;
    const decision = reviewTemplate(template);
    const now = this.deps.clock.now();
    if (decision.status === 'REJECTED') {
      template.status = 'REJECTED';
      template.rejectedReason = decision.reason;
      this.deps.persist();
      this.deps.emit(
        template.wabaId,
        buildTemplateStatusPayload(template, now, {
          event: 'REJECTED',
          reason: decision.reason,
          rejectionInfo: decision.rejectionInfo,
        }),
      );
      return template;
    }
    const previousCategory = template.category;
    template.status = 'APPROVED';
    template.rejectedReason = null;
    if (decision.category !== previousCategory) {
      template.previousCategory = previousCategory;
      template.category = decision.category;
    }
    this.deps.persist();
    this.deps.emit(
      template.wabaId,
      buildTemplateStatusPayload(template, now, { event: 'APPROVED', reason: 'NONE' }),
    );
    if (decision.category !== previousCategory) {
      this.deps.emit(template.wabaId, buildTemplateCategoryPayload(template, now, previousCategory));
    }
    return template;
  }

  private scheduleReview(template: SimTemplate) {
    const { id } = template;
    this.deps.scheduler.schedule(this.deps.reviewMs, () => void this.review(id));
  }

  private require(id: string): SimTemplate {
    const template = this.find(id);
    if (template === null) throw new UnknownTemplateError(`No template ${id}`);
    return template;
  }
}

function key(wabaId: string, name: string, language: string): string {
  return `${wabaId}\u0000${name}\u0000${language}`;
}

function refuse(error: GraphApiError): { ok: false; error: GraphApiError } {
  return { ok: false, error };
}
