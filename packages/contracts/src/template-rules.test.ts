import { describe, expect, it } from 'vitest';
import {
  exampleTemplateValues,
  missingTemplateValues,
  pickTemplateValues,
  renderTemplate,
  TEMPLATE_LIMITS,
  templateVariables,
  validateTemplateDraft,
} from './template-rules';
import type { TemplateDraft, TemplateValues } from './templates';

const named: TemplateDraft = {
  name: 'order_update',
  language: 'en_US',
  category: 'utility',
  parameterFormat: 'named',
  header: { format: 'text', text: 'Order {{order_number}}', example: '860198' },
  body: 'Thank you, {{first_name}}! Your order {{order_number}} is confirmed and on its way.',
  bodyExamples: { first_name: 'Pablo', order_number: '860198' },
  footer: 'Lucky Shrub',
  buttons: [
    { type: 'quick_reply', text: 'Stop updates' },
    { type: 'url', text: 'Track', url: 'https://shop.example/track/{{1}}', example: 'abc123' },
    { type: 'phone_number', text: 'Call us', phoneNumber: '+15550051310' },
  ],
};

const positional: TemplateDraft = {
  ...named,
  name: 'order_update_pos',
  parameterFormat: 'positional',
  header: { format: 'text', text: 'Order {{1}}', example: '860198' },
  body: 'Hello {{1}}, your order {{2}} is ready for pickup at the shop.',
  bodyExamples: { 1: 'Ana', 2: '77' },
};

const issuesOf = (draft: TemplateDraft) => validateTemplateDraft(draft).map((i) => `${i.path}:${i.code}`);
const values = (over: Partial<TemplateValues> = {}): TemplateValues => ({
  header: null,
  headerMediaId: null,
  body: {},
  buttons: {},
  ...over,
});

describe('validateTemplateDraft', () => {
  it('accepts a complete named and a complete positional template', () => {
    expect(validateTemplateDraft(named)).toEqual([]);
    expect(validateTemplateDraft(positional)).toEqual([]);
  });

  it('gives every issue a path and a message in English and Spanish', () => {
    const issues = validateTemplateDraft({ ...named, name: 'Bad Name', body: '{{first_name}}' });
    expect(issues.length).toBeGreaterThan(1);
    for (const issue of issues) {
      expect(issue.message.en.length).toBeGreaterThan(10);
      expect(issue.message.es.length).toBeGreaterThan(10);
      expect(issue.message.es).not.toBe(issue.message.en);
    }
  });

  it.each([
    ['', 'name:required'],
    ['Order_Update', 'name:name_invalid'],
    ['order-update', 'name:name_invalid'],
    ['a'.repeat(TEMPLATE_LIMITS.nameMaxLength + 1), 'name:too_long'],
  ])('checks the name %#', (name, issue) => {
    expect(issuesOf({ ...named, name })).toContain(issue);
  });

  it('accepts a name of exactly 512 characters and checks the language code', () => {
    expect(issuesOf({ ...named, name: 'a'.repeat(512) })).toEqual([]);
    expect(issuesOf({ ...named, language: 'english' })).toEqual(['language:language_invalid']);
    expect(issuesOf({ ...named, language: 'pt_BR' })).toEqual([]);
  });

  it('limits the header to 60 characters and one variable with its example', () => {
    const header = (text: string, example: string | null = 'x') => ({
      format: 'text' as const,
      text,
      example,
    });
    expect(issuesOf({ ...named, header: header('a'.repeat(60), null) })).toEqual([]);
    expect(issuesOf({ ...named, header: header('a'.repeat(61), null) })).toEqual(['header.text:too_long']);
    expect(issuesOf({ ...named, header: header('{{a}} and {{b}}') })).toEqual([
      'header.text:too_many_variables',
    ]);
    expect(issuesOf({ ...named, header: header('Order {{order_number}}', '') })).toEqual([
      'header.example:example_required',
    ]);
    expect(issuesOf({ ...named, header: header('') })).toEqual(['header.text:required']);
  });

  it('asks for a sample file for a media header and refuses a location header in authentication', () => {
    expect(issuesOf({ ...named, header: { format: 'image', exampleMediaId: null } })).toEqual([
      'header.exampleMediaId:example_required',
    ]);
    expect(issuesOf({ ...named, header: { format: 'document', exampleMediaId: 'med_1' } })).toEqual([]);
    expect(issuesOf({ ...named, category: 'authentication', header: { format: 'location' } })).toContain(
      'header:location_not_allowed',
    );
  });

  it('limits the body to 1024 characters and requires it', () => {
    const long = `Hello {{first_name}}, ${'word '.repeat(300)}end.`;
    expect(issuesOf({ ...named, body: long })).toContain('body:too_long');
    expect(issuesOf({ ...named, body: 'a'.repeat(1024), bodyExamples: {} })).toEqual([]);
    expect(issuesOf({ ...named, body: ' ' })).toEqual(['body:required']);
  });

  it('refuses a variable at the start or end of the body and two variables side by side', () => {
    const ex = { first_name: 'Ana', order_number: '1' };
    expect(
      issuesOf({ ...named, body: '{{first_name}}, your order is confirmed today.', bodyExamples: ex }),
    ).toContain('body:variable_at_edge');
    expect(
      issuesOf({ ...named, body: 'Your order is confirmed today, {{first_name}}', bodyExamples: ex }),
    ).toContain('body:variable_at_edge');
    expect(
      issuesOf({
        ...named,
        body: 'Dear customer {{first_name}} {{order_number}} is confirmed for you.',
        bodyExamples: ex,
      }),
    ).toContain('body:adjacent_variables');
  });

  it('refuses too many variables for the length of the body', () => {
    const body = 'Hi {{a}} at {{b}} on {{c}} now.';
    expect(issuesOf({ ...named, body, bodyExamples: { a: '1', b: '2', c: '3' } })).toContain(
      'body:too_many_variables',
    );
    const enough = 'Hi {{a}} we will see you at {{b}} on the day {{c}} as agreed.';
    expect(issuesOf({ ...named, body: enough, bodyExamples: { a: '1', b: '2', c: '3' } })).toEqual([]);
  });

  it('requires an example for every body variable, at its own path', () => {
    const issues = validateTemplateDraft({
      ...named,
      bodyExamples: { first_name: 'Pablo', order_number: ' ' },
    });
    expect(issues.map((i) => `${i.path}:${i.code}`)).toEqual(['bodyExamples.order_number:example_required']);
    expect(issues[0]?.message.en).toContain('{{order_number}}');
  });

  it('keeps named and positional variables apart, positional numbered 1..n in order', () => {
    expect(
      issuesOf({ ...named, body: 'Hello {{1}}, your order is ready for pickup.', bodyExamples: { 1: 'a' } }),
    ).toEqual(['body:variable_format']);
    expect(issuesOf({ ...positional, body: 'Hello {{name}}, your order is ready for pickup.' })).toEqual([
      'body:variable_format',
    ]);
    expect(issuesOf({ ...named, body: 'Hello {{First}}, your order is ready for pickup.' })).toEqual([
      'body:variable_format',
    ]);
    const skipped = {
      ...positional,
      body: 'Hello {{1}}, your order {{3}} is ready for pickup.',
      bodyExamples: { 1: 'a', 3: 'b' },
    };
    expect(issuesOf(skipped)).toEqual(['body:variable_order']);
    const reversed = { ...positional, body: 'Hello {{2}}, your order {{1}} is ready for pickup.' };
    expect(issuesOf(reversed)).toEqual(['body:variable_order']);
    const repeated = {
      ...positional,
      body: 'Hello {{1}}, your order {{2}} is ready, {{1}}, come to the shop.',
    };
    expect(issuesOf(repeated)).toEqual([]);
  });

  it('limits the footer to 60 characters without variables', () => {
    expect(issuesOf({ ...named, footer: 'a'.repeat(60) })).toEqual([]);
    expect(issuesOf({ ...named, footer: 'a'.repeat(61) })).toEqual(['footer:too_long']);
    expect(issuesOf({ ...named, footer: 'Bye {{first_name}}' })).toEqual(['footer:variables_not_allowed']);
  });

  it('limits buttons by total and by kind', () => {
    const qr = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ type: 'quick_reply' as const, text: `Option ${i}` }));
    expect(issuesOf({ ...named, buttons: qr(10) })).toEqual([]);
    expect(issuesOf({ ...named, buttons: qr(11) })).toContain('buttons:too_many_buttons');
    const url = { type: 'url' as const, text: 'Open', url: 'https://a.example/x', example: null };
    expect(issuesOf({ ...named, buttons: [url, url] })).toEqual([]);
    expect(issuesOf({ ...named, buttons: [url, url, url] })).toEqual(['buttons:too_many_buttons']);
    const phone = { type: 'phone_number' as const, text: 'Call', phoneNumber: '+34600111222' };
    expect(issuesOf({ ...named, buttons: [phone, phone] })).toEqual(['buttons:too_many_buttons']);
    const code = { type: 'copy_code' as const, example: 'SAVE10' };
    expect(issuesOf({ ...named, buttons: [code, code] })).toEqual(['buttons:too_many_buttons']);
  });

  it('requires quick replies grouped before or after the other buttons', () => {
    const qr = { type: 'quick_reply' as const, text: 'Yes' };
    const phone = { type: 'phone_number' as const, text: 'Call', phoneNumber: '+34600111222' };
    expect(issuesOf({ ...named, buttons: [qr, qr, phone] })).toEqual([]);
    expect(issuesOf({ ...named, buttons: [phone, qr, qr] })).toEqual([]);
    expect(issuesOf({ ...named, buttons: [qr, phone, qr] })).toEqual(['buttons:quick_replies_not_grouped']);
  });

  it('checks each button at its own path', () => {
    const issues = issuesOf({
      ...named,
      buttons: [
        { type: 'quick_reply', text: 'a'.repeat(26) },
        { type: 'url', text: 'Go', url: 'https://a.example/{{1}}/x', example: 'z' },
        { type: 'url', text: 'Go', url: 'https://a.example/{{1}}', example: '' },
        { type: 'phone_number', text: 'Call', phoneNumber: '1'.repeat(21) },
        { type: 'copy_code', example: 'C'.repeat(21) },
      ],
    });
    expect(issues).toEqual([
      'buttons.0.text:too_long',
      'buttons.1.url:url_variable',
      'buttons.2.example:example_required',
      'buttons.3.phoneNumber:too_long',
      'buttons.4.example:too_long',
    ]);
  });

  it('accepts 25-character button text, a 20-digit phone and 20-character code, refuses a bad URL', () => {
    expect(
      issuesOf({
        ...named,
        buttons: [
          { type: 'quick_reply', text: 'a'.repeat(25) },
          { type: 'phone_number', text: 'Call', phoneNumber: '1'.repeat(20) },
          { type: 'copy_code', example: 'C'.repeat(20) },
        ],
      }),
    ).toEqual([]);
    expect(
      issuesOf({ ...named, buttons: [{ type: 'url', text: 'Go', url: 'shop', example: null }] }),
    ).toEqual(['buttons.0.url:url_invalid']);
    const long = `https://a.example/${'p'.repeat(2000)}`;
    expect(issuesOf({ ...named, buttons: [{ type: 'url', text: 'Go', url: long, example: null }] })).toEqual([
      'buttons.0.url:too_long',
    ]);
    expect(
      issuesOf({
        ...named,
        buttons: [{ type: 'url', text: 'Go', url: 'https://a.example/{{2}}', example: 'x' }],
      }),
    ).toEqual(['buttons.0.url:url_variable']);
  });
});

describe('templateVariables', () => {
  it('lists header, body and button variables once each, in order', () => {
    const withCode = { ...named, buttons: [...named.buttons, { type: 'copy_code' as const, example: 'X' }] };
    expect(templateVariables(withCode)).toEqual({
      header: ['order_number'],
      body: ['first_name', 'order_number'],
      buttons: { 1: ['1'], 3: ['code'] },
    });
    expect(templateVariables(positional).body).toEqual(['1', '2']);
  });
});

describe('renderTemplate and missingTemplateValues', () => {
  const filled = values({
    header: '42',
    body: { first_name: 'Lucía', order_number: '42' },
    buttons: { 1: 'abc' },
  });

  it('substitutes header, body and the URL suffix', () => {
    const rendered = renderTemplate(named, filled);
    expect(rendered.headerText).toBe('Order 42');
    expect(rendered.body).toBe('Thank you, Lucía! Your order 42 is confirmed and on its way.');
    expect(rendered.buttons).toEqual([
      { type: 'quick_reply', text: 'Stop updates' },
      { type: 'url', text: 'Track', url: 'https://shop.example/track/abc' },
      { type: 'phone_number', text: 'Call us', phoneNumber: '+15550051310' },
    ]);
    expect(rendered.values).toBe(filled);
    expect(rendered.footer).toBe('Lucky Shrub');
  });

  it('keeps customer text as written (no re-substitution of braces in values)', () => {
    const rendered = renderTemplate(
      named,
      values({ body: { first_name: '{{order_number}}', order_number: '<b>7</b>' } }),
    );
    expect(rendered.body).toBe(
      'Thank you, {{order_number}}! Your order <b>7</b> is confirmed and on its way.',
    );
  });

  it('leaves unfilled variables visible and lists each missing one', () => {
    const empty = values({ body: { first_name: 'Ana', order_number: '' } });
    expect(renderTemplate(named, empty).body).toBe(
      'Thank you, Ana! Your order {{order_number}} is confirmed and on its way.',
    );
    expect(missingTemplateValues(named, empty)).toEqual(['header', 'body.order_number', 'buttons.1']);
    expect(missingTemplateValues(named, filled)).toEqual([]);
  });

  it('asks for the header file of a media template', () => {
    const image = { ...named, header: { format: 'image' as const, exampleMediaId: 'med_1' } };
    expect(missingTemplateValues(image, filled)).toEqual(['headerMediaId']);
    expect(missingTemplateValues(image, { ...filled, headerMediaId: 'med_2' })).toEqual([]);
  });

  it('previews with the examples', () => {
    const preview = renderTemplate(named, exampleTemplateValues(named));
    expect(preview.headerText).toBe('Order 860198');
    expect(preview.body).toBe('Thank you, Pablo! Your order 860198 is confirmed and on its way.');
    expect(missingTemplateValues(named, exampleTemplateValues(named))).toEqual([]);
  });
});

describe('pickTemplateValues', () => {
  it('keeps only the values the template uses, so Meta counts the parameters right', () => {
    const picked = pickTemplateValues(
      { ...named, buttons: [{ type: 'url', text: 'Go', url: 'https://a.example/x', example: null }] },
      values({
        header: '42',
        headerMediaId: 'm',
        body: { first_name: 'Ana', extra: 'x' },
        buttons: { 0: 'y', 3: 'z' },
      }),
    );
    expect(picked).toEqual({ header: '42', headerMediaId: null, body: { first_name: 'Ana' }, buttons: {} });
  });
});
