/**
 * The id a reply button or list row keeps, from its title in plain letters ("Envío a casa" ->
 * `envio-a-casa`), so the customer's tap comes back readable and a rule or bot can name it;
 * `fallback` when the title has no letters or digits.
 */
export const replyIdOf = (title: string, fallback: string) =>
  title
    .normalize('NFKD')
    .replace(/\p{Mn}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || fallback;
