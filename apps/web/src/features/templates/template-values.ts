import type { ContactAttributeValue, Template, TemplateValues } from '@charla/contracts';
import { templateVariables } from '@charla/contracts/template-rules';

/** What a contact can fill a variable with. */
export type ContactFacts = {
  name: string | null;
  profileName: string | null;
  phone: string | null;
  attributes: Record<string, ContactAttributeValue>;
};

/** One choice of the "fill from contact" menu: `name`, `phone` or an attribute key, with its value. */
export type ContactSource = { key: string; value: string };

const fullNameKeys = [
  'name',
  'nombre',
  'full_name',
  'nombre_completo',
  'customer_name',
  'contact_name',
  'cliente',
];
const firstNameKeys = ['first_name', 'firstname', 'primer_nombre', 'nombre_pila'];
const lastNameKeys = ['last_name', 'lastname', 'apellido', 'apellidos'];
const phoneKeys = ['phone', 'phone_number', 'telefono', 'celular', 'movil', 'whatsapp'];

export function emptyTemplateValues(): TemplateValues {
  return { header: null, headerMediaId: null, body: {}, buttons: {} };
}

function text(value: ContactAttributeValue): string {
  return typeof value === 'string' ? value : String(value);
}

/** Every value the contact has, name and phone first, for the menu beside each variable. */
export function contactSources(contact: ContactFacts): ContactSource[] {
  const sources: ContactSource[] = [];
  const name = contact.name ?? contact.profileName;
  if (name) sources.push({ key: 'name', value: name });
  if (contact.phone) sources.push({ key: 'phone', value: contact.phone });
  for (const [key, value] of Object.entries(contact.attributes)) {
    if (text(value).trim() !== '') sources.push({ key, value: text(value) });
  }
  return sources;
}

/**
 * The contact's value for a variable name: a custom attribute with that key wins, then the
 * usual words for the name, first and last name and phone (in Spanish and English). Positional
 * variables (`1`, `2`) say nothing about their meaning, so they stay empty.
 */
export function contactValueFor(variable: string, contact: ContactFacts): string | null {
  const key = variable.trim().toLowerCase();
  if (/^\d+$/.test(key)) return null;
  const attribute = Object.entries(contact.attributes).find(([k]) => k.toLowerCase() === key);
  if (attribute && text(attribute[1]).trim() !== '') return text(attribute[1]);
  const name = (contact.name ?? contact.profileName)?.trim() || null;
  const [first, ...rest] = name ? name.split(/\s+/) : [];
  if (fullNameKeys.includes(key)) return name;
  if (firstNameKeys.includes(key)) return first ?? null;
  if (lastNameKeys.includes(key)) return rest.length > 0 ? rest.join(' ') : null;
  if (phoneKeys.includes(key)) return contact.phone;
  return null;
}

/** Starting values for a send: every variable the contact can answer, the rest left empty. */
export function prefillTemplateValues(template: Template, contact: ContactFacts | null): TemplateValues {
  const values = emptyTemplateValues();
  const variables = templateVariables(template);
  if (!contact) return values;
  const [headerVariable] = variables.header;
  if (headerVariable !== undefined) values.header = contactValueFor(headerVariable, contact);
  for (const name of variables.body) {
    const value = contactValueFor(name, contact);
    if (value !== null) values.body[name] = value;
  }
  return values;
}
