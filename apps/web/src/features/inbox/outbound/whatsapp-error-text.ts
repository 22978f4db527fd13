// Straight to the file, not the package index: the index also builds every zod schema, and
// importing a value through it would put zod (~90 kB) in the browser bundle.
// The subpath keeps zod (used by the package index) out of the browser bundle.
import { findWhatsAppError } from '@charla/contracts/whatsapp-errors';
import type { FindError } from './failure-reason';

export const findErrorEntry: FindError = (code) => findWhatsAppError(code);
