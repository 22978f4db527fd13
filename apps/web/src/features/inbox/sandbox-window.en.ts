import type { sandboxWindowEs } from './sandbox-window.es';

/** The sandbox's "close the 24-hour window now" (English). */
export const sandboxWindowEn: typeof sandboxWindowEs = {
  close: 'Close window now',
  explainer:
    "Sandbox numbers only: pretends 24 hours have passed since the customer's last message, here and on the simulated phone, so you see what happens then (approved templates only). It opens again when the customer writes.",
};
