import { type ComponentType, lazy } from 'react';

/**
 * A page loaded when first visited, so the first screen (the inbox) downloads only its own code.
 * `pick` names the page's export: the features export named components.
 */
export function lazyPage<M>(load: () => Promise<M>, pick: (module: M) => ComponentType): ComponentType {
  return lazy(async () => ({ default: pick(await load()) }));
}
