/** Colours the charts share; CSS variables of the theme so light and dark both read. */
export const chartColors = {
  inbound: 'var(--color-brand-500)',
  outbound: 'var(--color-sky-500)',
  conversations: 'var(--color-brand-600)',
  newContacts: 'var(--color-amber-500)',
  agent: 'var(--color-brand-500)',
  abandoned: 'var(--color-red-400)',
  grid: 'var(--color-neutral-200)',
} as const;

/** Axis text takes the text colour of the chart's wrapper (`text-neutral-500`). */
export const axisTick = { fill: 'currentColor', fontSize: 11 } as const;

export const tooltipStyle = {
  contentStyle: {
    borderRadius: 8,
    border: '1px solid var(--color-neutral-200)',
    background: 'var(--color-white)',
    color: 'var(--color-neutral-900)',
    fontSize: 12,
  },
  labelStyle: { fontWeight: 600 },
} as const;
