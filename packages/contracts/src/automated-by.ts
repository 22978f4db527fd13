import { z } from 'zod';

/** Which automation did something: a rule, a bot, a sequence or an API key, named as it was then. */
export const AutomatedBySchema = z.object({
  kind: z.enum(['rule', 'flow', 'sequence', 'api', 'integration', 'survey']),
  id: z.string(),
  name: z.string(),
});
export type AutomatedBy = z.infer<typeof AutomatedBySchema>;
