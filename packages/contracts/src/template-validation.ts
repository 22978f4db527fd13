import type { TemplateButton, TemplateDraft } from './templates';

/**
 * Meta's template rules (reference §4.3) as plain functions, with no zod, so the browser editor
 * and the server check a draft the same way before Meta ever sees it.
 */
export const TEMPLATE_LIMITS = {
  namePattern: /^[a-z0-9_]+$/,
  nameMaxLength: 512,
  languagePattern: /^[a-z]{2,3}(_[A-Z]{2,3})?$/,
  /** Named parameters: lowercase letters and underscores (§2.9). */
  namedParameterPattern: /^[a-z_]+$/,
  headerTextMaxLength: 60,
  headerMaxVariables: 1,
  bodyMaxLength: 1024,
  /** Meta refuses templates with too many parameters for their length (2388293): Charla asks for
   * at least this many words of fixed text per parameter. */
  bodyMinWordsPerVariable: 2,
  footerMaxLength: 60,
  buttonsMax: 10,
  buttonsMaxByType: { quick_reply: 10, url: 2, phone_number: 1, copy_code: 1 },
  buttonTextMaxLength: 25,
  urlMaxLength: 2000,
  /** A URL may end in one variable, always written `{{1}}`. */
  urlVariable: '{{1}}',
  phoneNumberMaxLength: 20,
  copyCodeMaxLength: 20,
} as const;

export interface TemplateIssue {
  /** Where the problem is: `name`, `body`, `header.text`, `buttons.2.text`, `bodyExamples.first_name`. */
  path: string;
  code: string;
  message: { en: string; es: string };
}

const VARIABLE = /\{\{([^{}]*)\}\}/g;

/** Names or positions of the variables of a text, in order of first appearance, each once. */
export function textVariables(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(VARIABLE)) {
    const name = (match[1] ?? '').trim();
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

type Text = { en: string; es: string };
const L = TEMPLATE_LIMITS;

class Issues {
  readonly list: TemplateIssue[] = [];
  add(path: string, code: string, message: Text): void {
    this.list.push({ path, code, message });
  }
}

const FORMAT_TEXT = {
  named: {
    en: 'Use named variables such as {{first_name}} (lowercase letters and underscores).',
    es: 'Usa variables con nombre como {{first_name}} (minúsculas y guiones bajos).',
  },
  positional: {
    en: 'Use numbered variables {{1}}, {{2}}… in order.',
    es: 'Usa variables numeradas {{1}}, {{2}}… en orden.',
  },
};

/** Checks the variables of one text against the template's parameter format. */
function checkVariables(
  issues: Issues,
  path: string,
  text: string,
  format: TemplateDraft['parameterFormat'],
): boolean {
  const names = textVariables(text);
  const wrong = names.filter((name) =>
    format === 'named' ? !L.namedParameterPattern.test(name) : !/^[1-9][0-9]*$/.test(name),
  );
  if (wrong.length > 0) {
    issues.add(path, 'variable_format', {
      en: `{{${wrong[0]}}} is not a valid ${format} variable. ${FORMAT_TEXT[format].en}`,
      es: `{{${wrong[0]}}} no es una variable válida. ${FORMAT_TEXT[format].es}`,
    });
    return false;
  }
  if (format === 'positional' && names.some((name, index) => name !== String(index + 1))) {
    issues.add(path, 'variable_order', {
      en: `Number the variables {{1}} to {{${names.length}}} in the order they appear, with no gaps.`,
      es: `Numera las variables de {{1}} a {{${names.length}}} en el orden en que aparecen, sin saltos.`,
    });
    return false;
  }
  return true;
}

function checkLength(issues: Issues, path: string, text: string, max: number, what: Text): void {
  if (text.length > max) {
    issues.add(path, 'too_long', {
      en: `The ${what.en} can have at most ${max} characters (it has ${text.length}).`,
      es: `${what.es} puede tener como máximo ${max} caracteres (tiene ${text.length}).`,
    });
  }
}

function checkRequired(issues: Issues, path: string, text: string | null | undefined, what: Text): boolean {
  if (text === null || text === undefined || text.trim() === '') {
    issues.add(path, 'required', { en: `Write the ${what.en}.`, es: `Escribe ${what.es}.` });
    return false;
  }
  return true;
}

function checkName(issues: Issues, draft: TemplateDraft): void {
  if (!checkRequired(issues, 'name', draft.name, { en: 'template name', es: 'el nombre de la plantilla' }))
    return;
  if (!L.namePattern.test(draft.name)) {
    issues.add('name', 'name_invalid', {
      en: 'Use only lowercase letters, digits and underscores in the name (for example order_update).',
      es: 'Usa solo minúsculas, dígitos y guiones bajos en el nombre (por ejemplo order_update).',
    });
  }
  checkLength(issues, 'name', draft.name, L.nameMaxLength, { en: 'name', es: 'El nombre' });
  if (!L.languagePattern.test(draft.language)) {
    issues.add('language', 'language_invalid', {
      en: 'Choose a language code such as es, en_US or pt_BR.',
      es: 'Elige un código de idioma como es, en_US o pt_BR.',
    });
  }
}

function checkHeader(issues: Issues, draft: TemplateDraft): void {
  const header = draft.header;
  if (header === null) return;
  if (header.format === 'location' && draft.category === 'authentication') {
    issues.add('header', 'location_not_allowed', {
      en: 'A location header is only allowed in marketing and utility templates.',
      es: 'Un encabezado de ubicación solo se permite en plantillas de marketing y de utilidad.',
    });
  }
  if (header.format === 'image' || header.format === 'video' || header.format === 'document') {
    if (!header.exampleMediaId) {
      issues.add('header.exampleMediaId', 'example_required', {
        en: `Upload a sample ${header.format} for the header: Meta reviews the template with it.`,
        es: 'Sube un archivo de ejemplo para el encabezado: Meta revisa la plantilla con él.',
      });
    }
    return;
  }
  if (header.format !== 'text') return;
  if (
    !checkRequired(issues, 'header.text', header.text, { en: 'header text', es: 'el texto del encabezado' })
  )
    return;
  checkLength(issues, 'header.text', header.text, L.headerTextMaxLength, {
    en: 'header',
    es: 'El encabezado',
  });
  const names = textVariables(header.text);
  if (names.length > L.headerMaxVariables) {
    issues.add('header.text', 'too_many_variables', {
      en: 'The header can have only one variable.',
      es: 'El encabezado solo puede tener una variable.',
    });
  } else if (
    checkVariables(issues, 'header.text', header.text, draft.parameterFormat) &&
    names.length === 1
  ) {
    if (!header.example || header.example.trim() === '') {
      issues.add('header.example', 'example_required', {
        en: `Give an example for {{${names[0]}}} in the header.`,
        es: `Da un ejemplo para {{${names[0]}}} en el encabezado.`,
      });
    }
  }
}

function checkBody(issues: Issues, draft: TemplateDraft): void {
  const body = draft.body;
  if (!checkRequired(issues, 'body', body, { en: 'message body', es: 'el cuerpo del mensaje' })) return;
  checkLength(issues, 'body', body, L.bodyMaxLength, { en: 'body', es: 'El cuerpo' });
  const names = textVariables(body);
  if (names.length === 0) return;
  if (!checkVariables(issues, 'body', body, draft.parameterFormat)) return;
  const trimmed = body.trim();
  if (trimmed.startsWith('{{') || trimmed.endsWith('}}')) {
    issues.add('body', 'variable_at_edge', {
      en: 'The body cannot start or end with a variable: add some text before and after it.',
      es: 'El cuerpo no puede empezar ni terminar con una variable: añade texto antes y después.',
    });
  }
  if (/\}\}\s*\{\{/.test(body)) {
    issues.add('body', 'adjacent_variables', {
      en: 'Two variables are next to each other: separate them with some words.',
      es: 'Hay dos variables seguidas: sepáralas con algunas palabras.',
    });
  }
  const words = body
    .replace(/\{\{[^{}]*\}\}/g, ' ')
    .split(/\s+/)
    .filter((w) => /[\p{L}\p{N}]/u.test(w));
  const occurrences = [...body.matchAll(/\{\{[^{}]*\}\}/g)].length;
  if (words.length < occurrences * L.bodyMinWordsPerVariable) {
    issues.add('body', 'too_many_variables', {
      en: `Too many variables for such a short message: write at least ${occurrences * L.bodyMinWordsPerVariable} words around its ${occurrences} variables, or use fewer variables.`,
      es: `Demasiadas variables para un mensaje tan corto: escribe al menos ${occurrences * L.bodyMinWordsPerVariable} palabras alrededor de sus ${occurrences} variables, o usa menos variables.`,
    });
  }
  for (const name of names) {
    const example = draft.bodyExamples[name];
    if (example === undefined || example.trim() === '') {
      issues.add(`bodyExamples.${name}`, 'example_required', {
        en: `Give an example for {{${name}}}: Meta reviews the template with it.`,
        es: `Da un ejemplo para {{${name}}}: Meta revisa la plantilla con él.`,
      });
    }
  }
}

function checkFooter(issues: Issues, draft: TemplateDraft): void {
  if (draft.footer === null || draft.footer === '') return;
  checkLength(issues, 'footer', draft.footer, L.footerMaxLength, { en: 'footer', es: 'El pie' });
  if (textVariables(draft.footer).length > 0) {
    issues.add('footer', 'variables_not_allowed', {
      en: 'The footer cannot have variables.',
      es: 'El pie no puede tener variables.',
    });
  }
}

const BUTTON_WORDS: Record<TemplateButton['type'], Text> = {
  quick_reply: { en: 'quick reply buttons', es: 'botones de respuesta rápida' },
  url: { en: 'link buttons', es: 'botones de enlace' },
  phone_number: { en: 'call buttons', es: 'botones de llamada' },
  copy_code: { en: 'copy code buttons', es: 'botones de copiar código' },
};

function checkButton(issues: Issues, button: TemplateButton, index: number): void {
  const at = `buttons.${index}`;
  if (button.type !== 'copy_code') {
    if (checkRequired(issues, `${at}.text`, button.text, { en: 'button text', es: 'el texto del botón' })) {
      checkLength(issues, `${at}.text`, button.text, L.buttonTextMaxLength, {
        en: 'button text',
        es: 'El texto del botón',
      });
    }
  }
  if (button.type === 'phone_number') {
    if (
      !checkRequired(issues, `${at}.phoneNumber`, button.phoneNumber, {
        en: 'phone number',
        es: 'el número de teléfono',
      })
    )
      return;
    checkLength(issues, `${at}.phoneNumber`, button.phoneNumber, L.phoneNumberMaxLength, {
      en: 'phone number',
      es: 'El número',
    });
    if (!/^\+?[0-9][0-9 ()-]*$/.test(button.phoneNumber)) {
      issues.add(`${at}.phoneNumber`, 'phone_invalid', {
        en: 'Write the phone number with its country code, digits only (for example +34600111222).',
        es: 'Escribe el número con su prefijo de país, solo dígitos (por ejemplo +34600111222).',
      });
    }
  } else if (button.type === 'copy_code') {
    if (
      checkRequired(issues, `${at}.example`, button.example, {
        en: 'example code',
        es: 'un código de ejemplo',
      })
    ) {
      checkLength(issues, `${at}.example`, button.example, L.copyCodeMaxLength, {
        en: 'code',
        es: 'El código',
      });
    }
  } else if (button.type === 'url') {
    checkUrlButton(issues, button, at);
  }
}

function checkUrlButton(issues: Issues, button: Extract<TemplateButton, { type: 'url' }>, at: string): void {
  if (!checkRequired(issues, `${at}.url`, button.url, { en: 'link address', es: 'la dirección del enlace' }))
    return;
  checkLength(issues, `${at}.url`, button.url, L.urlMaxLength, { en: 'link', es: 'El enlace' });
  if (!/^https?:\/\/[^\s/{}]+\.[^\s/{}]+/.test(button.url)) {
    issues.add(`${at}.url`, 'url_invalid', {
      en: 'Write a full web address starting with https://.',
      es: 'Escribe una dirección web completa que empiece por https://.',
    });
    return;
  }
  const variables = [...button.url.matchAll(/\{\{[^{}]*\}\}/g)];
  if (variables.length === 0) return;
  if (variables.length > 1 || !button.url.endsWith(L.urlVariable)) {
    issues.add(`${at}.url`, 'url_variable', {
      en: 'A link can have only one variable, written {{1}} at the very end.',
      es: 'Un enlace solo puede tener una variable, escrita {{1}} al final.',
    });
  } else if (!button.example || button.example.trim() === '') {
    issues.add(`${at}.example`, 'example_required', {
      en: 'Give an example of the end of the link for {{1}}.',
      es: 'Da un ejemplo del final del enlace para {{1}}.',
    });
  }
}

function checkButtons(issues: Issues, buttons: TemplateButton[]): void {
  if (buttons.length > L.buttonsMax) {
    issues.add('buttons', 'too_many_buttons', {
      en: `A template can have at most ${L.buttonsMax} buttons.`,
      es: `Una plantilla puede tener como máximo ${L.buttonsMax} botones.`,
    });
  }
  for (const type of Object.keys(L.buttonsMaxByType) as TemplateButton['type'][]) {
    const max = L.buttonsMaxByType[type];
    if (buttons.filter((b) => b.type === type).length > max) {
      issues.add('buttons', 'too_many_buttons', {
        en: `A template can have at most ${max} ${BUTTON_WORDS[type].en}.`,
        es: `Una plantilla puede tener como máximo ${max} ${BUTTON_WORDS[type].es}.`,
      });
    }
  }
  // Quick replies must form one block, all before or all after the other buttons.
  const kinds = buttons.map((b) => b.type === 'quick_reply');
  const switches = kinds.filter((kind, i) => i > 0 && kind !== kinds[i - 1]).length;
  if (switches > 1) {
    issues.add('buttons', 'quick_replies_not_grouped', {
      en: 'Put all quick reply buttons together, before or after the other buttons.',
      es: 'Pon todos los botones de respuesta rápida juntos, antes o después de los demás botones.',
    });
  }
  for (const [index, button] of buttons.entries()) checkButton(issues, button, index);
}

/** Every rule of reference §4.3 Charla can check before submitting; empty when the draft is fine. */
export function validateTemplateDraft(draft: TemplateDraft): TemplateIssue[] {
  const issues = new Issues();
  checkName(issues, draft);
  checkHeader(issues, draft);
  checkBody(issues, draft);
  checkFooter(issues, draft);
  checkButtons(issues, draft.buttons);
  return issues.list;
}
