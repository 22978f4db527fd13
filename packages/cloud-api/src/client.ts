import { z } from 'zod';
import { CloudApiError, MediaTooLargeError, toCloudApiError, toNetworkError } from './client-errors';
import { CloudApiTemplatesClient } from './client-templates';
import { type DownloadedMedia, type DownloadMediaOptions, type MediaInfo, MediaInfoSchema } from './media';
import {
  type MarkReadRequest,
  type MarkReadResponse,
  MarkReadResponseSchema,
  type OutboundMessage,
  type PhoneNumberInfo,
  PhoneNumberInfoSchema,
  type PhoneNumberList,
  PhoneNumberListSchema,
  type SendMessageResponse,
  SendMessageResponseSchema,
  type SendTextRequest,
} from './outbound';
import { SuccessResponseSchema } from './templates';

export type { CloudApiClientOptions, GraphTransport } from './client-http';

export type SendTextInput = {
  to: string;
  body: string;
  previewUrl?: boolean;
  /** wamid of the message to quote (contextual reply). */
  replyToMessageId?: string;
};

export type MarkReadOptions = {
  /** Show the typing indicator until the reply is sent or 25 s pass (§2.10). */
  typing?: boolean;
};

export type ListPhoneNumbersPage = { limit?: number; after?: string };

export type UploadMediaInput = { bytes: Uint8Array; mimeType: string; filename: string };

const UploadMediaResponseSchema = z.looseObject({ id: z.string().min(1) });

/** Typed client for the Cloud API endpoints Charla uses; the same code talks to Meta and the simulator. */
export class CloudApiClient extends CloudApiTemplatesClient {
  sendMessage(phoneNumberId: string, message: OutboundMessage): Promise<SendMessageResponse> {
    return this.request(
      'POST',
      `${encodeURIComponent(phoneNumberId)}/messages`,
      SendMessageResponseSchema,
      message,
    );
  }

  sendText(phoneNumberId: string, input: SendTextInput): Promise<SendMessageResponse> {
    const message: SendTextRequest = {
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: input.to,
      type: 'text',
      text: { body: input.body, ...(input.previewUrl !== undefined && { preview_url: input.previewUrl }) },
      ...(input.replyToMessageId !== undefined && { context: { message_id: input.replyToMessageId } }),
    };
    return this.sendMessage(phoneNumberId, message);
  }

  /** Marks an inbound message (and the earlier ones) read; `typing` also shows "typing…" for up to 25 s (§2.10). */
  markRead(
    phoneNumberId: string,
    messageId: string,
    options: MarkReadOptions = {},
  ): Promise<MarkReadResponse> {
    const body: MarkReadRequest = {
      messaging_product: 'whatsapp',
      status: 'read',
      message_id: messageId,
      ...(options.typing === true && { typing_indicator: { type: 'text' as const } }),
    };
    return this.request(
      'POST',
      `${encodeURIComponent(phoneNumberId)}/messages`,
      MarkReadResponseSchema,
      body,
    );
  }

  /**
   * Uploads a file (§3.1) and returns its media id, valid 30 days. Check it first with `checkMedia`:
   * Meta refuses types and sizes outside §3.4.
   */
  uploadMedia(phoneNumberId: string, input: UploadMediaInput): Promise<{ id: string }> {
    const form = new FormData();
    form.append('messaging_product', 'whatsapp');
    form.append('type', input.mimeType);
    // Copy into a fresh ArrayBuffer: a Uint8Array over a SharedArrayBuffer is not a BlobPart.
    form.append('file', new Blob([new Uint8Array(input.bytes)], { type: input.mimeType }), input.filename);
    return this.request(
      'POST',
      `${encodeURIComponent(phoneNumberId)}/media`,
      UploadMediaResponseSchema,
      form,
    );
  }

  /** Deletes uploaded media (§3.3); Meta answers `{ success: true }`. */
  deleteMedia(mediaId: string): Promise<{ success: boolean }> {
    return this.request('DELETE', encodeURIComponent(mediaId), SuccessResponseSchema);
  }

  getPhoneNumber(phoneNumberId: string): Promise<PhoneNumberInfo> {
    const path = `${encodeURIComponent(phoneNumberId)}?fields=display_phone_number,verified_name,quality_rating`;
    return this.request('GET', path, PhoneNumberInfoSchema);
  }

  /**
   * One page of the phone numbers in a WhatsApp Business Account; pass `paging.cursors.after` as
   * `after` while `paging.next` is present. Meta answers code 100 for a WABA the token cannot see.
   */
  listPhoneNumbers(wabaId: string, page: ListPhoneNumbersPage = {}): Promise<PhoneNumberList> {
    const query = new URLSearchParams({ fields: 'id,display_phone_number,verified_name,quality_rating' });
    if (page.limit !== undefined) query.set('limit', String(page.limit));
    if (page.after !== undefined) query.set('after', page.after);
    return this.request('GET', `${encodeURIComponent(wabaId)}/phone_numbers?${query}`, PhoneNumberListSchema);
  }

  /** The download URL (valid 5 minutes), MIME type, sha256 (base64) and size of a media id (§3.2). */
  async getMedia(mediaId: string): Promise<MediaInfo> {
    const info = await this.request('GET', encodeURIComponent(mediaId), MediaInfoSchema);
    return {
      url: info.url,
      mime_type: info.mime_type,
      sha256: info.sha256,
      file_size: info.file_size,
      id: info.id,
    };
  }

  /**
   * Downloads a URL from `getMedia` (or a webhook's media `url`) with the bearer token (§3.3). A 404
   * (expired URL) or any non-2xx is a CloudApiError; a file over `maxBytes` is refused from its
   * Content-Length or aborted mid-stream with MediaTooLargeError, so memory stays bounded.
   */
  async downloadMedia(url: string, opts: DownloadMediaOptions = {}): Promise<DownloadedMedia> {
    const parsedUrl = parseHttpUrl(url);
    if (parsedUrl === null) {
      throw new CloudApiError({ httpStatus: 0, code: 0, title: 'Invalid media URL', details: url });
    }
    const maxBytes = opts.maxBytes ?? Number.POSITIVE_INFINITY;
    const timeoutMs = opts.timeoutMs ?? this.timeoutMs;
    const abort = new AbortController();
    const signal = AbortSignal.any([abort.signal, AbortSignal.timeout(timeoutMs)]);
    let response: Response;
    try {
      response = await this.fetchImpl(parsedUrl.href, {
        method: 'GET',
        headers: { authorization: `Bearer ${this.accessToken}` },
        signal,
      });
    } catch (error) {
      throw toNetworkError(error, timeoutMs);
    }
    if (response.status < 200 || response.status > 299) {
      const text = await response.text().catch(() => '');
      throw toCloudApiError(response.status, text);
    }
    const declared = Number.parseInt(response.headers.get('content-length') ?? '', 10);
    if (Number.isFinite(declared) && declared > maxBytes) {
      abort.abort();
      await response.body?.cancel().catch(() => undefined);
      throw new MediaTooLargeError(maxBytes, declared);
    }
    const contentType = response.headers.get('content-type') ?? 'application/octet-stream';
    const chunks: Uint8Array[] = [];
    let total = 0;
    const reader = response.body?.getReader();
    try {
      while (reader) {
        const { done, value } = await reader.read();
        if (done) break;
        total += value.byteLength;
        if (total > maxBytes) {
          abort.abort();
          await reader.cancel().catch(() => undefined);
          throw new MediaTooLargeError(maxBytes, null);
        }
        chunks.push(value);
      }
    } catch (error) {
      if (error instanceof MediaTooLargeError) throw error;
      throw toNetworkError(error, timeoutMs);
    }
    const bytes = new Uint8Array(total);
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return { bytes, contentType };
  }
}

function parseHttpUrl(url: string): URL | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed : null;
  } catch {
    return null;
  }
}
