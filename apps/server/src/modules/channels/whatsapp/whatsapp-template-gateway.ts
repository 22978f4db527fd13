import { CloudApiClient } from '@charla/cloud-api';
import { AppError } from '../../../platform/errors';
import type { RemoteTemplate, TemplateAccount, TemplateGateway, TemplateSample } from '../../templates';
import type { ChannelDirectory } from '../channel-directory';
import { graphTransport } from './graph-transport';
import { fromTemplateInfo, toTemplateComponents, toTemplateRequest, toTemplateStatus } from './map-template';
import { toTemplateError } from './template-errors';

/**
 * Template management over the Cloud API (reference §4), with the access token of one of the
 * workspace's numbers in that WhatsApp Business Account; the same client for Meta and the simulator.
 */
export function createWhatsAppTemplateGateway(
  directory: Pick<ChannelDirectory, 'all'>,
  opts: { fetch?: typeof fetch } = {},
): TemplateGateway {
  async function clientFor(account: TemplateAccount): Promise<CloudApiClient> {
    const channels = (await directory.all()).filter(
      (c) => c.workspaceId === account.workspaceId && c.wabaId === account.wabaId,
    );
    const channel = channels.find((c) => c.status === 'connected') ?? channels[0];
    if (!channel) {
      throw new AppError(
        'unprocessable',
        'unknown_waba',
        `None of this workspace's numbers belongs to the WhatsApp Business Account ${account.wabaId}.`,
      );
    }
    return new CloudApiClient({
      transport: graphTransport,
      baseUrl: channel.graphBaseUrl,
      version: channel.graphVersion,
      accessToken: channel.accessToken,
      ...(opts.fetch && { fetch: opts.fetch }),
    });
  }

  /** Meta reviews a media header with a sample uploaded through the resumable upload (§3.4). */
  async function headerHandle(client: CloudApiClient, sample: TemplateSample | null): Promise<string | null> {
    if (!sample) return null;
    // `app` is Graph's alias for the app the access token belongs to.
    const session = await client.createUploadSession('app', {
      fileLength: sample.bytes.length,
      fileType: sample.mimeType,
      fileName: sample.filename,
    });
    return (await client.uploadFileToSession(session.id, sample.bytes)).h;
  }

  const guarded =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await fn(...args);
      } catch (err) {
        throw toTemplateError(err);
      }
    };

  return {
    create: guarded(async (account, draft, sample) => {
      const client = await clientFor(account);
      const created = await client.createTemplate(
        account.wabaId,
        toTemplateRequest(draft, await headerHandle(client, sample)),
      );
      const category = created.category.toLowerCase();
      return {
        externalId: created.id,
        status: toTemplateStatus(created.status) ?? 'pending',
        category:
          category === 'marketing' || category === 'utility' || category === 'authentication'
            ? category
            : draft.category,
      };
    }),
    edit: guarded(async (account, externalId, draft, { category, sample }) => {
      const client = await clientFor(account);
      await client.editTemplate(externalId, {
        ...(category && { category: draft.category.toUpperCase() as 'UTILITY' }),
        components: toTemplateComponents(draft, await headerHandle(client, sample)),
      });
    }),
    remove: guarded(async (account, template) => {
      const client = await clientFor(account);
      await client.deleteTemplate(account.wabaId, { name: template.name, hsmId: template.externalId });
    }),
    list: guarded(async (account) => {
      const client = await clientFor(account);
      const all: RemoteTemplate[] = [];
      let after: string | undefined;
      for (let page = 0; page < 100; page++) {
        const list = await client.listTemplates(account.wabaId, { limit: 100, ...(after && { after }) });
        for (const info of list.data) {
          const t = fromTemplateInfo(info);
          if (t) all.push(t);
        }
        after = list.paging?.next ? list.paging.cursors?.after : undefined;
        if (!after) break;
      }
      return all;
    }),
  };
}
