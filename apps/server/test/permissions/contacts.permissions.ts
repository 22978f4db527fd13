import type { PermissionSpec, Role } from './permission-spec';

const csv = 'phone,name\n+5215512345678,Marta\n';
const csvHeaders = { 'content-type': 'text/csv', 'x-filename': 'contacts.csv' };

const onlyVisible = (json: unknown, role: Role) =>
  (json as { conversations: unknown[] }).conversations.length === (role === 'agent' ? 0 : 1);

/**
 * Contacts, attribute definitions, CSV imports and the export (modules/contacts); one
 * contact's data export and erasure (modules/privacy).
 */
export const spec: PermissionSpec = {
  // The contact of the shared conversation, and an import previewed by the owner to start.
  async prepare({ t, conversationId }) {
    const [contact] = await t.container.db.query<{ contact_id: string }>(
      'SELECT contact_id FROM conversations WHERE id = $1',
      [conversationId],
    );
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/contacts/imports',
      headers: { cookie: t.cookie, ...csvHeaders },
      payload: csv,
    });
    // A contact of its own for each round to erase (erasing is for good).
    const phone = `+3460${Math.floor(1e6 + Math.random() * 8e6)}`;
    const [erasable] = await t.container.db.query<{ id: string }>(
      `INSERT INTO contacts (workspace_id, wa_id, phone, name)
       SELECT workspace_id, $1, $2, 'Borrar' FROM conversations WHERE id = $3 RETURNING id`,
      [phone.slice(1), phone, conversationId],
    );
    await t.container.db.query(
      `INSERT INTO contact_attribute_definitions (workspace_id, key, label, type)
       SELECT workspace_id, 'branch', 'Sucursal', 'text' FROM conversations WHERE id = $1
       ON CONFLICT DO NOTHING`,
      [conversationId],
    );
    return {
      contactId: contact!.contact_id,
      importId: res.json().id,
      erasableId: erasable!.id,
      erasablePhone: phone,
    };
  },
  rows: [
    ['GET', () => '/api/contacts', undefined, 200, 200, 200, 200],
    // The profile of a contact whose only conversation is hidden from the agent: they see the
    // contact, not the conversation (neither its id nor its last message).
    [
      'GET',
      ({ contactId }) => `/api/contacts/${contactId}`,
      undefined,
      200,
      200,
      200,
      404,
      undefined,
      onlyVisible,
    ],
    [
      'PATCH',
      ({ contactId }) => `/api/contacts/${contactId}`,
      { tags: ['vip'] },
      200,
      200,
      200,
      404,
      undefined,
      onlyVisible,
    ],
    // Every member may add a contact by hand. The attribute is this workspace's: another
    // workspace does not know it (422) and adds nothing.
    [
      'POST',
      () => '/api/contacts',
      () => ({ phone: `+3461${Math.floor(1e6 + Math.random() * 8e6)}`, attributes: { branch: 'Centro' } }),
      201,
      201,
      201,
      422,
    ],
    ['GET', () => '/api/contacts/attributes', undefined, 200, 200, 200, 200],
    [
      'POST',
      () => '/api/contacts/attributes',
      () => ({ key: `k${Math.random().toString(36).slice(2, 8)}`, label: 'K', type: 'text' }),
      201,
      201,
      403,
      201,
    ],
    ['POST', () => '/api/contacts/imports', csv, 201, 201, 403, 201, csvHeaders],
    ['GET', ({ importId }) => `/api/contacts/imports/${importId}`, undefined, 200, 200, 200, 404],
    [
      'POST',
      ({ importId }) => `/api/contacts/imports/${importId}/start`,
      { mapping: { phone: 'phone', name: 'name' }, defaultCountry: 'MX' },
      202,
      202,
      403,
      404,
    ],
    ['GET', () => '/api/contacts/export.csv', undefined, 200, 200, 403, 200],
    ['GET', ({ contactId }) => `/api/contacts/${contactId}/export`, undefined, 200, 200, 403, 404],
    [
      'POST',
      ({ erasableId }) => `/api/contacts/${erasableId}/erase`,
      ({ erasablePhone }) => ({ confirm: erasablePhone }),
      200,
      200,
      403,
      404,
    ],
  ],
};
