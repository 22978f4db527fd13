import type { Template } from '@charla/contracts';
import { describe, expect, it } from 'vitest';
import {
  curlCommand,
  fieldsOf,
  flattenJson,
  isSendableTemplate,
  mappingOf,
  pathProblem,
  payloadDetail,
  readJsonPath,
  sameMapping,
  showValue,
  textAt,
  variableFields,
} from './trigger-view';

/** A WooCommerce "order created" payload, trimmed. */
const order = {
  id: 7001,
  number: '1001',
  paid: true,
  coupon: null,
  billing: { first_name: 'Ana', phone: '+52 55 1234 5678' },
  line_items: [
    { name: 'Zapatilla Río', quantity: 1 },
    { name: 'Calcetines', quantity: 2 },
  ],
  meta: { 'a.b': 'hidden', 'with space': 'hidden', ok: 'shown' },
};

const template = (partial: Partial<Template> = {}): Template => ({
  id: 't1',
  wabaId: 'w1',
  name: 'pedido_confirmado',
  language: 'es',
  category: 'utility',
  parameterFormat: 'named',
  header: { format: 'text', text: 'Pedido {{number}}', example: '1001' },
  body: 'Hola {{first_name}}, tu pedido {{order_number}} está confirmado.',
  bodyExamples: { first_name: 'Ana', order_number: '1001' },
  footer: null,
  buttons: [
    { type: 'quick_reply', text: 'Gracias' },
    { type: 'url', text: 'Ver pedido', url: 'https://tienda.example/pedidos/{{1}}', example: '1001' },
    { type: 'copy_code', example: 'ENVIO10' },
  ],
  status: 'approved',
  rejection: null,
  quality: 'green',
  externalId: null,
  submittedAt: null,
  updatedAt: '2026-12-07T10:00:00.000Z',
  ...partial,
});

describe('flattenJson', () => {
  it('lists every value with the path the trigger reads it from, in the JSON’s order', () => {
    expect(flattenJson(order)).toEqual([
      { path: 'id', value: 7001 },
      { path: 'number', value: '1001' },
      { path: 'paid', value: true },
      { path: 'coupon', value: null },
      { path: 'billing.first_name', value: 'Ana' },
      { path: 'billing.phone', value: '+52 55 1234 5678' },
      { path: 'line_items[0].name', value: 'Zapatilla Río' },
      { path: 'line_items[0].quantity', value: 1 },
      { path: 'line_items[1].name', value: 'Calcetines' },
      { path: 'line_items[1].quantity', value: 2 },
      { path: 'meta.ok', value: 'shown' },
    ]);
  });

  it('lists the first items of long lists only, and nothing for a payload that is not an object', () => {
    const paths = flattenJson({ tags: Array.from({ length: 20 }, (_, i) => `t${i}`) }).map((p) => p.path);
    expect(paths).toEqual(['tags[0]', 'tags[1]', 'tags[2]', 'tags[3]', 'tags[4]']);
    expect(flattenJson([{ phone: '1' }])).toEqual([]);
    expect(flattenJson('text')).toEqual([]);
    expect(flattenJson(null)).toEqual([]);
    expect(flattenJson({ matrix: [[1, 2]] }).map((p) => p.path)).toEqual(['matrix[0][0]', 'matrix[0][1]']);
  });

  it('stops at 300 values', () => {
    const big = Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`k${i}`, i]));
    expect(flattenJson(big)).toHaveLength(300);
  });

  it('gives paths that read back their value', () => {
    for (const { path, value } of flattenJson(order)) expect(readJsonPath(order, path)).toBe(value);
  });
});

describe('reading a path', () => {
  it('reads dotted paths, $. and list items as the server does', () => {
    expect(readJsonPath(order, 'billing.phone')).toBe('+52 55 1234 5678');
    expect(readJsonPath(order, '$.billing.first_name')).toBe('Ana');
    expect(readJsonPath(order, 'line_items[1].name')).toBe('Calcetines');
    expect(readJsonPath(order, 'line_items.0.quantity')).toBe(1);
    expect(readJsonPath(order, 'billing.email')).toBeUndefined();
    expect(readJsonPath(order, 'number.length')).toBeUndefined();
  });

  it('takes text and numbers; anything else is missing', () => {
    expect(textAt(order, 'billing.first_name')).toBe('Ana');
    expect(textAt(order, 'id')).toBe('7001');
    expect(textAt(order, 'paid')).toBe('');
    expect(textAt(order, 'billing')).toBe('');
    expect(textAt(order, 'coupon')).toBe('');
    expect(textAt({ name: '  Ana  ' }, 'name')).toBe('Ana');
    expect(textAt(order, '  ')).toBe('');
  });

  it('says what is wrong with a path as typed', () => {
    expect(pathProblem('', true)).toBe('empty');
    expect(pathProblem('  ', false)).toBeNull();
    expect(pathProblem('billing. phone', true)).toBe('spaces');
    expect(pathProblem(`a${'.b'.repeat(200)}`, true)).toBe('long');
    expect(pathProblem(' billing.phone ', true)).toBeNull();
  });

  it('shows values short, strings quoted', () => {
    expect(showValue('Ana')).toBe('"Ana"');
    expect(showValue(12)).toBe('12');
    expect(showValue(null)).toBe('null');
    expect(showValue('x'.repeat(100), 10)).toBe('"xxxxxxxx…');
  });
});

describe('template variables and the mapping', () => {
  it('lists the header, body variables by name and URL or code buttons by index', () => {
    expect(variableFields(template())).toEqual([
      { key: 'header', kind: 'header', name: 'number' },
      { key: 'body.first_name', kind: 'body', name: 'first_name' },
      { key: 'body.order_number', kind: 'body', name: 'order_number' },
      { key: 'buttons.1', kind: 'url', name: 'Ver pedido' },
      { key: 'buttons.2', kind: 'code', name: '#3' },
    ]);
    expect(variableFields(null)).toEqual([]);
  });

  it('offers only approved templates without a file header', () => {
    expect(isSendableTemplate(template())).toBe(true);
    expect(isSendableTemplate(template({ header: null }))).toBe(true);
    expect(isSendableTemplate(template({ status: 'pending' }))).toBe(false);
    expect(isSendableTemplate(template({ header: { format: 'image', exampleMediaId: null } }))).toBe(false);
    expect(isSendableTemplate(template({ header: { format: 'location' } }))).toBe(false);
  });

  it('keeps only the paths of the template’s variables, trimmed, empty ones left out', () => {
    const mapping = mappingOf(
      {
        phone: ' billing.phone ',
        name: '',
        header: 'number',
        'body.first_name': 'billing.first_name',
        'body.order_number': '  ',
        'body.gone': 'old.path',
        'buttons.1': 'id',
      },
      template(),
    );
    expect(mapping).toEqual({
      phone: 'billing.phone',
      name: null,
      values: { header: 'number', body: { first_name: 'billing.first_name' }, buttons: { 1: 'id' } },
    });
    expect(mappingOf({ phone: 'contact.phone', 'body.first_name': 'x' }, null)).toEqual({
      phone: 'contact.phone',
      name: null,
      values: { header: null, body: {}, buttons: {} },
    });
  });

  it('reads a saved mapping back into fields, and tells unchanged from changed', () => {
    const saved = {
      phone: 'billing.phone',
      name: 'billing.first_name',
      values: { header: 'number', body: { first_name: 'billing.first_name' }, buttons: { 1: 'id' } },
    };
    const fields = fieldsOf(saved);
    expect(fields).toEqual({
      phone: 'billing.phone',
      name: 'billing.first_name',
      header: 'number',
      'body.first_name': 'billing.first_name',
      'buttons.1': 'id',
    });
    expect(sameMapping(mappingOf(fields, template()), saved)).toBe(true);
    expect(sameMapping(mappingOf({ ...fields, name: '' }, template()), saved)).toBe(false);
    expect(
      sameMapping(
        { phone: 'p', values: { body: {}, buttons: {} } },
        { phone: 'p', name: null, values: undefined },
      ),
    ).toBe(true);
  });
});

describe('examples and what Charla said', () => {
  it('writes a curl command with the address and secret, quoted for the shell', () => {
    expect(curlCommand('https://charla.example/webhooks/in/abc', 's3cr3t')).toBe(
      [
        "curl -X POST 'https://charla.example/webhooks/in/abc' \\",
        "  -H 'Content-Type: application/json' \\",
        "  -H 'X-Charla-Secret: s3cr3t' \\",
        `  -d '{"billing":{"phone":"+5215512345678","first_name":"Ana"},"number":"1001"}'`,
      ].join('\n'),
    );
    expect(curlCommand('u', 's', `{"name":"O'Brien"}`)).toContain(`-d '{"name":"O'\\''Brien"}'`);
  });

  it('recognises the server’s reasons so they can be said in the reader’s language', () => {
    expect(
      payloadDetail(
        'The payload has no phone number at billing.phone; fix the mapping in Charla or the payload.',
      ),
    ).toEqual({ kind: 'phoneMissing', path: 'billing.phone' });
    expect(
      payloadDetail("The payload has no value at billing.first_name, number for the template's variables."),
    ).toEqual({ kind: 'valuesMissing', paths: 'billing.first_name, number' });
    expect(payloadDetail('Fill in {{first_name}}, {{order_number}} before sending the template.')).toEqual({
      kind: 'fillIn',
      what: '{{first_name}}, {{order_number}}',
    });
    expect(payloadDetail('Delivery d-77 was received before.')).toEqual({
      kind: 'duplicate',
      delivery: 'd-77',
    });
    expect(payloadDetail('Something went wrong on our side.')).toBeNull();
    expect(payloadDetail(null)).toBeNull();
  });
});
