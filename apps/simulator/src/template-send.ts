import { isRecord } from './outbound-validation';
import { fail, guard, type Result } from './refusal';
import type { SimTemplate } from './sandbox-state';
import { templateErrors as E } from './template-errors';
import type { TemplateRegistry } from './template-registry';
import { substitute, uniqueVariables } from './template-variables';

/** What the phone shows for a template: the texts with values substituted and the buttons. */
export type RenderedTemplate = {
  header: { format: string; text?: string; media?: { id?: string; link?: string; filename?: string } } | null;
  body: string;
  footer: string | null;
  buttons: {
    type: string;
    text: string;
    payload?: string;
    url?: string;
    phone_number?: string;
    code?: string;
  }[];
};

type SendCheck = Result<{ template: SimTemplate; rendered: RenderedTemplate }>;

const HEADER_TEXT_MAX = 60;
const BODY_MAX = 1024;
const MEDIA_PARAM: Record<string, string> = {
  IMAGE: 'image',
  VIDEO: 'video',
  GIF: 'video',
  DOCUMENT: 'document',
};

/**
 * §8.7: a template send against the WABA's templates: 132001 unknown or not approved, 132015
 * paused, 132016 disabled, 132012 parameter format, 132000 count, 132005 too long once filled in.
 */
export function checkTemplateSend(registry: TemplateRegistry, wabaId: string, content: unknown): SendCheck {
  return guard(() => {
    const payload = isRecord(content) ? content : {};
    const name = String(payload.name);
    const language = isRecord(payload.language) ? String(payload.language.code) : '';
    const template = registry.findByName(wabaId, name, language);
    if (template === null) return fail(E.notFound(`template name (${name}) does not exist in ${language}`));
    if (template.status === 'PAUSED') {
      fail(E.paused(`Template ${name} (${language}) is paused because of low quality.`));
    }
    if (template.status === 'DISABLED') fail(E.disabled(`Template ${name} (${language}) is disabled.`));
    if (template.status !== 'APPROVED') {
      fail(E.notFound(`template name (${name}) in ${language} is ${template.status}, not APPROVED`));
    }
    const sent = Array.isArray(payload.components) ? payload.components.filter(isRecord) : [];
    return { template, rendered: render(template, sent) };
  });
}

function render(template: SimTemplate, sent: Record<string, unknown>[]): RenderedTemplate {
  const named = template.parameterFormat === 'NAMED';
  const find = (type: string) => template.components.find((c) => c.type === type);
  const sentOf = (type: string) => sent.find((c) => c.type === type);
  const header = find('HEADER');
  const body = find('BODY');
  const footer = find('FOOTER');
  const buttons = find('BUTTONS');

  let renderedHeader: RenderedTemplate['header'] = null;
  const headerParams = readParams(sentOf('header'));
  if (header?.format === 'TEXT') {
    const text = String(header.text);
    const values = fillText(uniqueVariables(text), headerParams, named, 'header');
    const filled = substitute(text, values);
    if (filled.length > HEADER_TEXT_MAX)
      fail(
        E.hydratedTooLong(
          `header is ${filled.length} characters once filled in; at most ${HEADER_TEXT_MAX}.`,
        ),
      );
    renderedHeader = { format: 'TEXT', text: filled };
  } else if (header && typeof header.format === 'string') {
    renderedHeader = { format: header.format, ...renderMediaHeader(header.format, headerParams) };
  } else if (headerParams.length > 0) {
    fail(E.paramCount(`header: the template has no header parameters but ${headerParams.length} were sent.`));
  }

  const bodyText = String(body?.text ?? '');
  const filledBody = substitute(
    bodyText,
    fillText(uniqueVariables(bodyText), readParams(sentOf('body')), named, 'body'),
  );
  if (filledBody.length > BODY_MAX)
    fail(E.hydratedTooLong(`body is ${filledBody.length} characters once filled in; at most ${BODY_MAX}.`));

  return {
    header: renderedHeader,
    body: filledBody,
    footer: typeof footer?.text === 'string' ? footer.text : null,
    buttons: renderButtons(Array.isArray(buttons?.buttons) ? buttons.buttons.filter(isRecord) : [], sent),
  };
}

function readParams(component: Record<string, unknown> | undefined): Record<string, unknown>[] {
  return Array.isArray(component?.parameters) ? component.parameters.filter(isRecord) : [];
}

/** Values by variable name; named templates match `parameter_name`, positional ones the order. */
function fillText(
  names: string[],
  params: Record<string, unknown>[],
  named: boolean,
  where: string,
): Map<string, string> {
  for (const [index, param] of params.entries()) {
    const hasName = typeof param.parameter_name === 'string';
    if (named && !hasName)
      fail(
        E.paramFormat(
          `${where}.parameters[${index}]: this template uses named parameters; set parameter_name.`,
        ),
      );
    if (!named && hasName)
      fail(
        E.paramFormat(
          `${where}.parameters[${index}]: this template uses positional parameters; remove parameter_name.`,
        ),
      );
    if (!['text', 'currency', 'date_time'].includes(String(param.type))) {
      fail(
        E.paramFormat(
          `${where}.parameters[${index}]: a ${String(param.type)} parameter cannot fill a text variable.`,
        ),
      );
    }
  }
  if (params.length !== names.length) {
    fail(
      E.paramCount(
        `${where}: the template expects ${names.length} parameter(s), ${params.length} were sent.`,
      ),
    );
  }
  const values = new Map<string, string>();
  for (const [index, param] of params.entries()) {
    const name = named ? String(param.parameter_name) : (names[index] ?? String(index + 1));
    if (named && !names.includes(name))
      fail(E.paramFormat(`${where}: the template has no parameter named ${name}.`));
    values.set(name, textOf(param));
  }
  return values;
}

function textOf(param: Record<string, unknown>): string {
  if (param.type === 'text') return String(param.text);
  const inner = param[String(param.type)];
  return isRecord(inner) ? String(inner.fallback_value) : '';
}

function renderMediaHeader(format: string, params: Record<string, unknown>[]) {
  if (params.length !== 1)
    fail(E.paramCount(`header: a ${format} header takes exactly 1 parameter, ${params.length} were sent.`));
  const [param] = params as [Record<string, unknown>];
  const expected = format === 'LOCATION' ? 'location' : MEDIA_PARAM[format];
  if (param.type !== expected)
    fail(
      E.paramFormat(
        `header.parameters[0]: the header is ${format}; send a ${expected} parameter, not ${String(param.type)}.`,
      ),
    );
  const media = param[String(expected)];
  if (!isRecord(media)) return {};
  if (format === 'LOCATION')
    return { text: [media.name, media.address].filter((v) => typeof v === 'string').join(' · ') };
  return {
    media: {
      ...(typeof media.id === 'string' && { id: media.id }),
      ...(typeof media.link === 'string' && { link: media.link }),
      ...(typeof media.filename === 'string' && { filename: media.filename }),
    },
  };
}

const SUB_TYPE: Record<string, string> = {
  QUICK_REPLY: 'quick_reply',
  URL: 'url',
  COPY_CODE: 'copy_code',
  PHONE_NUMBER: 'voice_call',
};

function renderButtons(
  defined: Record<string, unknown>[],
  sent: Record<string, unknown>[],
): RenderedTemplate['buttons'] {
  const byIndex = new Map<number, Record<string, unknown>>();
  for (const component of sent.filter((c) => c.type === 'button')) {
    const index = Number(component.index);
    const button = defined[index];
    if (!button) fail(E.paramFormat(`button index ${index}: the template has ${defined.length} button(s).`));
    if (SUB_TYPE[String(button?.type)] !== component.sub_type) {
      fail(
        E.paramFormat(
          `button index ${index}: the template's button is ${String(button?.type)}, not ${String(component.sub_type)}.`,
        ),
      );
    }
    byIndex.set(index, component);
  }
  return defined.map((button, index) => {
    const param = readParams(byIndex.get(index))[0];
    const type = String(button.type);
    const text = String(button.text ?? '');
    if (type === 'QUICK_REPLY')
      return { type, text, ...(typeof param?.payload === 'string' && { payload: param.payload }) };
    if (type === 'PHONE_NUMBER') return { type, text, phone_number: String(button.phone_number) };
    if (type === 'COPY_CODE') {
      if (typeof param?.coupon_code !== 'string')
        fail(E.paramCount(`button index ${index}: a copy-code button needs its coupon_code parameter.`));
      return { type, text, code: String(param?.coupon_code) };
    }
    const url = String(button.url);
    if (!/\{\{\s*1\s*\}\}/.test(url)) return { type, text, url };
    if (typeof param?.text !== 'string')
      fail(E.paramCount(`button index ${index}: the URL button needs its text parameter (the URL suffix).`));
    return { type, text, url: substitute(url, new Map([['1', String(param?.text)]])) };
  });
}
