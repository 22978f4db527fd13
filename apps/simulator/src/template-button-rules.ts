import { TEMPLATE_LIMITS } from '@charla/cloud-api';
import { isRecord } from './outbound-validation';
import { fail } from './refusal';
import { type NormalizedComponent, requireString } from './template-component-rules';
import { templateErrors as E } from './template-errors';
import { textVariables } from './template-variables';

const BUTTON_TYPES = new Set(['QUICK_REPLY', 'URL', 'PHONE_NUMBER', 'COPY_CODE']);
const MAX_PER_BUTTON_TYPE: Record<string, number> = {
  QUICK_REPLY: TEMPLATE_LIMITS.quickReplyButtons,
  URL: TEMPLATE_LIMITS.urlButtons,
  PHONE_NUMBER: TEMPLATE_LIMITS.phoneNumberButtons,
  COPY_CODE: TEMPLATE_LIMITS.copyCodeButtons,
};

/** The BUTTONS component (§4.3): counts per type, grouping, texts, phone, URL variable, copy code. */
export function validateButtons(c: Record<string, unknown>, path: string): NormalizedComponent {
  if (!Array.isArray(c.buttons) || c.buttons.length === 0)
    fail(E.invalidParameter(`Param ${path}.buttons must be a non-empty array.`));
  const buttons = c.buttons as unknown[];
  if (buttons.length > TEMPLATE_LIMITS.buttons) {
    fail(
      E.invalidParameter(
        `Param ${path}.buttons has ${buttons.length} buttons; a template has at most ${TEMPLATE_LIMITS.buttons}.`,
      ),
    );
  }
  const counts = new Map<string, number>();
  const kinds: boolean[] = [];
  const out = buttons.map((button, index) => {
    const at = `${path}.buttons[${index}]`;
    if (!isRecord(button) || typeof button.type !== 'string')
      return fail(E.invalidParameter(`Param ${at}.type is required.`));
    const type = button.type.toUpperCase();
    if (!BUTTON_TYPES.has(type))
      fail(E.invalidParameter(`Param ${at}.type must be one of ${[...BUTTON_TYPES].join(', ')}.`));
    counts.set(type, (counts.get(type) ?? 0) + 1);
    if ((counts.get(type) ?? 0) > (MAX_PER_BUTTON_TYPE[type] ?? 0)) {
      fail(
        E.invalidParameter(
          `Param ${path}.buttons: a template has at most ${MAX_PER_BUTTON_TYPE[type]} ${type} buttons.`,
        ),
      );
    }
    kinds.push(type === 'QUICK_REPLY');
    return validateButton(button, type, at);
  });
  // Quick replies must be grouped: all before or all after the other buttons (§4.3).
  const switches = kinds.filter((kind, i) => i > 0 && kind !== kinds[i - 1]).length;
  if (switches > 1)
    fail(
      E.invalidParameter(
        `Param ${path}.buttons: group the QUICK_REPLY buttons together, before or after the others.`,
      ),
    );
  return { type: 'BUTTONS', buttons: out };
}

function validateButton(button: Record<string, unknown>, type: string, at: string): Record<string, unknown> {
  const text = type === 'COPY_CODE' ? 'Copy offer code' : requireString(button, 'text', at);
  if (text.length > TEMPLATE_LIMITS.buttonText)
    fail(
      E.tooLong(
        `${at}.text is ${text.length} characters; a button has at most ${TEMPLATE_LIMITS.buttonText}.`,
      ),
    );
  if (type === 'QUICK_REPLY') return { type, text };
  if (type === 'PHONE_NUMBER') {
    const phone = requireString(button, 'phone_number', at);
    if (phone.length > TEMPLATE_LIMITS.phoneNumber)
      fail(E.tooLong(`${at}.phone_number has at most ${TEMPLATE_LIMITS.phoneNumber} characters.`));
    return { type, text, phone_number: phone };
  }
  if (type === 'COPY_CODE') {
    const example =
      typeof button.example === 'string'
        ? button.example
        : Array.isArray(button.example)
          ? button.example[0]
          : undefined;
    if (typeof example !== 'string' || example === '')
      fail(E.invalidParameter(`Param ${at}.example is required: the sample coupon code.`));
    if ((example as string).length > TEMPLATE_LIMITS.copyCodeExample)
      fail(E.tooLong(`${at}.example has at most ${TEMPLATE_LIMITS.copyCodeExample} characters.`));
    return { type, example };
  }
  const url = requireString(button, 'url', at);
  if (url.length > TEMPLATE_LIMITS.url)
    fail(E.tooLong(`${at}.url has at most ${TEMPLATE_LIMITS.url} characters.`));
  if (!/^https?:\/\/[^\s/]+/i.test(url)) fail(E.invalidParameter(`Param ${at}.url must be an http(s) URL.`));
  const vars = textVariables(url);
  if (vars.length > 1 || (vars.length === 1 && !/\{\{\s*1\s*\}\}$/.test(url))) {
    fail(E.invalidParameter(`Param ${at}.url can have one variable only, {{1}}, at the end.`));
  }
  if (vars.length === 0) return { type, text, url };
  const example = Array.isArray(button.example) ? button.example[0] : button.example;
  if (typeof example !== 'string' || example === '')
    fail(E.invalidParameter(`Param ${at}.example is required for the URL variable.`));
  return { type, text, url, example: [example] };
}
