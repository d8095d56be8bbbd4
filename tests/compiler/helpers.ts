import type { WidgetRegistry } from '../../src/widgets/registry.ts';

/** A registry for compiler tests: one widget, never loaded. */
export const testRegistry: WidgetRegistry = {
  'demo-widget': {
    attributes: ['mode', 'fail-at'],
    load: () => Promise.reject(new Error('not in Node')),
  },
};
