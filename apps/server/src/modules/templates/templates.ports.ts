import type { TemplateCategory, TemplateDraft, TemplateQuality, TemplateStatus } from '@charla/contracts';
import type { Clock } from '../../platform/clock';
import type { Database } from '../../platform/db/database';
import type { JobQueue } from '../../platform/jobs/job-queue';

/** The WhatsApp Business Account a template lives in, reached through a number of this workspace. */
export interface TemplateAccount {
  workspaceId: string;
  wabaId: string;
}

/** A sample file for a media header: Meta reviews the template with it. */
export interface TemplateSample {
  bytes: Uint8Array;
  mimeType: string;
  filename: string;
}

/** A template as Meta lists it, already in Charla's terms. */
export interface RemoteTemplate {
  externalId: string;
  name: string;
  language: string;
  category: TemplateCategory;
  status: TemplateStatus;
  quality: TemplateQuality;
  rejection: { reason: string; detail: string | null } | null;
  /** null when Charla cannot represent its components (e.g. carousel, OTP buttons). */
  draft: TemplateDraft | null;
}

/**
 * How the templates module reaches Meta's template management (reference §4). Implemented by
 * channels/whatsapp over the Cloud API client. Meta's refusals are thrown as AppError
 * `invalid_template` (422) with field paths of the draft when Meta names the field.
 */
export interface TemplateGateway {
  create(
    account: TemplateAccount,
    draft: TemplateDraft,
    sample: TemplateSample | null,
  ): Promise<{ externalId: string; status: TemplateStatus; category: TemplateCategory }>;
  /** Replaces the components (and, unless approved, the category); Meta reviews it again. */
  edit(
    account: TemplateAccount,
    externalId: string,
    draft: TemplateDraft,
    opts: { category: boolean; sample: TemplateSample | null },
  ): Promise<void>;
  remove(account: TemplateAccount, template: { name: string; externalId: string }): Promise<void>;
  /** Every template of the account, all pages. */
  list(account: TemplateAccount): Promise<RemoteTemplate[]>;
}

/** A template webhook (status, quality or category change) in neutral terms. */
export type TemplateEvent = {
  wabaId: string;
  externalId: string;
  name: string;
  language: string;
} & (
  | { kind: 'status'; status: TemplateStatus; rejection: { reason: string; detail: string | null } | null }
  | { kind: 'quality'; quality: TemplateQuality }
  | { kind: 'category'; category: TemplateCategory }
);

export interface TemplateChange {
  workspaceId: string;
  templateId: string;
}

export interface TemplatesDeps {
  db: Database;
  clock: Clock;
  jobs: JobQueue;
  gateway: TemplateGateway;
  /** The WABA ids of the workspace's numbers: a workspace manages templates only there. */
  wabasOf(workspaceId: string): Promise<string[]>;
  /** Every (workspace, WABA) pair with a number, for the periodic sync. */
  allAccounts(): Promise<TemplateAccount[]>;
  /** A stored file of the workspace (a header sample), or null when there is none. */
  readMedia(workspaceId: string, mediaId: string): Promise<TemplateSample | null>;
  /** Tells open template pages; called after commit. */
  notify(changes: TemplateChange[]): Promise<void>;
}
