import { CloudApiHttp } from './client-http';
import {
  type CreateTemplateRequest,
  type CreateTemplateResponse,
  CreateTemplateResponseSchema,
  type EditTemplateRequest,
  type PhoneNumberLimits,
  PhoneNumberLimitsResponseSchema,
  type SuccessResponse,
  SuccessResponseSchema,
  type TemplateInfo,
  TemplateInfoSchema,
  type TemplateList,
  TemplateListSchema,
  UploadHandleSchema,
  UploadSessionSchema,
} from './templates';

export type ListTemplatesQuery = {
  limit?: number;
  after?: string;
  /** Meta matches names containing this text. */
  name?: string;
  status?: string;
  /** Defaults to every field Charla shows. */
  fields?: string[];
};

export type DeleteTemplateInput = { name: string; hsmId?: string };

export type UploadSessionInput = { fileLength: number; fileType: string; fileName: string };

const DEFAULT_TEMPLATE_FIELDS = [
  'id',
  'name',
  'language',
  'status',
  'category',
  'sub_category',
  'parameter_format',
  'components',
  'rejected_reason',
  'quality_score',
  'correct_category',
  'previous_category',
  'message_send_ttl_seconds',
];

/** Template management (§4), Resumable Upload (§3.4) and number limits (§7.4, §7.7). */
export class CloudApiTemplatesClient extends CloudApiHttp {
  /** Meta answers `{id, status: "PENDING", category}`; review ends with a status webhook (§4.5). */
  createTemplate(wabaId: string, body: CreateTemplateRequest): Promise<CreateTemplateResponse> {
    return this.request('POST', `${enc(wabaId)}/message_templates`, CreateTemplateResponseSchema, body);
  }

  /** One page; pass `paging.cursors.after` as `after` while `paging.next` is present. */
  listTemplates(wabaId: string, query: ListTemplatesQuery = {}): Promise<TemplateList> {
    const params = new URLSearchParams({ fields: (query.fields ?? DEFAULT_TEMPLATE_FIELDS).join(',') });
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    if (query.after !== undefined) params.set('after', query.after);
    if (query.name !== undefined) params.set('name', query.name);
    if (query.status !== undefined) params.set('status', query.status);
    return this.request('GET', `${enc(wabaId)}/message_templates?${params}`, TemplateListSchema);
  }

  getTemplate(templateId: string, fields: string[] = DEFAULT_TEMPLATE_FIELDS): Promise<TemplateInfo> {
    const params = new URLSearchParams({ fields: fields.join(',') });
    return this.request('GET', `${enc(templateId)}?${params}`, TemplateInfoSchema);
  }

  /** Only APPROVED, REJECTED or PAUSED templates can be edited; otherwise 2388039 (§4.3). */
  editTemplate(templateId: string, body: EditTemplateRequest): Promise<SuccessResponse> {
    return this.request('POST', enc(templateId), SuccessResponseSchema, body);
  }

  /** By name: every language; with `hsmId`: that one template (§4.1). */
  deleteTemplate(wabaId: string, input: DeleteTemplateInput): Promise<SuccessResponse> {
    const params = new URLSearchParams({ name: input.name });
    if (input.hsmId !== undefined) params.set('hsm_id', input.hsmId);
    return this.request('DELETE', `${enc(wabaId)}/message_templates?${params}`, SuccessResponseSchema);
  }

  /** Step 1 of a header example upload: `{ id: "upload:…" }` (§3.4). */
  createUploadSession(appId: string, input: UploadSessionInput): Promise<{ id: string }> {
    const params = new URLSearchParams({
      file_length: String(input.fileLength),
      file_type: input.fileType,
      file_name: input.fileName,
    });
    return this.request('POST', `${enc(appId)}/uploads?${params}`, UploadSessionSchema);
  }

  /** Step 2: the bytes from offset 0; answers the `4::…` handle for `example.header_handle`. */
  async uploadFileToSession(sessionId: string, bytes: Uint8Array): Promise<{ h: string }> {
    // The session id contains a colon; Graph takes it verbatim in the path.
    const result = await this.request('POST', sessionId, UploadHandleSchema, {
      bytes,
      headers: { file_offset: '0', 'content-type': 'application/octet-stream' },
    });
    return { h: result.h };
  }

  async getPhoneNumberLimits(phoneNumberId: string): Promise<PhoneNumberLimits> {
    const path = `${enc(phoneNumberId)}?fields=throughput,whatsapp_business_manager_messaging_limit`;
    const result = await this.request('GET', path, PhoneNumberLimitsResponseSchema);
    return {
      throughput: result.throughput.level,
      messagingLimit: result.whatsapp_business_manager_messaging_limit,
    };
  }
}

function enc(id: string): string {
  return encodeURIComponent(id);
}
