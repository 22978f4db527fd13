import type { Template, TemplateStatus } from '@charla/contracts';

/** The status chips of the list; a chip may stand for several of Meta's statuses. */
export const statusFilters = ['all', 'approved', 'pending', 'rejected', 'draft', 'inactive'] as const;
export type StatusFilter = (typeof statusFilters)[number];

const inactive: TemplateStatus[] = [
  'paused',
  'disabled',
  'limit_exceeded',
  'archived',
  'pending_deletion',
  'deleted',
  'in_appeal',
];

export function matchesStatus(status: TemplateStatus, filter: StatusFilter): boolean {
  if (filter === 'all') return true;
  if (filter === 'inactive') return inactive.includes(status);
  return status === filter;
}

/** Name search ignores case, accents and spaces-vs-underscores ("pedido listo" finds `pedido_listo`). */
export function matchesSearch(template: Pick<Template, 'name'>, query: string): boolean {
  const fold = (text: string) =>
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[\s_-]+/g, '_');
  const q = fold(query.trim());
  return q === '' || fold(template.name).includes(q);
}

export function filterTemplates(templates: Template[], filter: StatusFilter, query: string): Template[] {
  return templates
    .filter((template) => matchesStatus(template.status, filter) && matchesSearch(template, query))
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

export function countByFilter(templates: Template[]): Record<StatusFilter, number> {
  const counts = Object.fromEntries(statusFilters.map((f) => [f, 0])) as Record<StatusFilter, number>;
  for (const template of templates) {
    for (const filter of statusFilters) if (matchesStatus(template.status, filter)) counts[filter] += 1;
  }
  return counts;
}
