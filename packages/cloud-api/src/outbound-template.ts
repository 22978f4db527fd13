import { z } from 'zod';

// Named templates carry `parameter_name` on every parameter; positional ones never do (§2.9).
const parameterName = z
  .string()
  .regex(/^[a-z_][a-z0-9_]*$/, 'must be lowercase letters, digits and underscores')
  .optional();

const MediaParamSchema = z.looseObject({
  id: z.string().min(1).optional(),
  link: z.string().min(1).optional(),
  filename: z.string().optional(),
});

export const TemplateTextParameterSchema = z.looseObject({
  type: z.literal('text'),
  text: z.string(),
  parameter_name: parameterName,
});

/** Header/body parameters (§2.9). */
export const TemplateParameterSchema = z.discriminatedUnion('type', [
  TemplateTextParameterSchema,
  z.looseObject({
    type: z.literal('currency'),
    currency: z.looseObject({ fallback_value: z.string(), code: z.string(), amount_1000: z.number() }),
    parameter_name: parameterName,
  }),
  z.looseObject({
    type: z.literal('date_time'),
    date_time: z.looseObject({ fallback_value: z.string() }),
    parameter_name: parameterName,
  }),
  z.looseObject({ type: z.literal('image'), image: MediaParamSchema, parameter_name: parameterName }),
  z.looseObject({ type: z.literal('video'), video: MediaParamSchema, parameter_name: parameterName }),
  z.looseObject({ type: z.literal('document'), document: MediaParamSchema, parameter_name: parameterName }),
  z.looseObject({
    type: z.literal('location'),
    location: z.looseObject({
      latitude: z.union([z.number(), z.string()]),
      longitude: z.union([z.number(), z.string()]),
      name: z.string().optional(),
      address: z.string().optional(),
    }),
  }),
]);
export type TemplateParameter = z.infer<typeof TemplateParameterSchema>;

/** Button parameters: quick-reply payload, URL suffix, copy-code coupon, flow action (§2.9). */
export const TemplateButtonParameterSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('payload'), payload: z.string() }),
  z.looseObject({ type: z.literal('text'), text: z.string() }),
  z.looseObject({ type: z.literal('coupon_code'), coupon_code: z.string() }),
  z.looseObject({ type: z.literal('action'), action: z.looseObject({}) }),
]);
export type TemplateButtonParameter = z.infer<typeof TemplateButtonParameterSchema>;

export const TemplateSendComponentSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('header'), parameters: z.array(TemplateParameterSchema) }),
  z.looseObject({ type: z.literal('body'), parameters: z.array(TemplateParameterSchema) }),
  z.looseObject({
    type: z.literal('button'),
    sub_type: z.enum(['quick_reply', 'url', 'copy_code', 'flow', 'catalog', 'mpm', 'voice_call', 'otp']),
    /** 0-based position among the template's buttons; Meta documents a string, accepts a number. */
    index: z.union([z.string().regex(/^\d+$/), z.number().int().min(0)]),
    parameters: z.array(TemplateButtonParameterSchema).optional(),
  }),
]);
export type TemplateSendComponent = z.infer<typeof TemplateSendComponentSchema>;

/** The `template` object of a send (§2.9). */
export const OutboundTemplateSchema = z.looseObject({
  name: z.string().min(1),
  language: z.looseObject({ code: z.string().min(1), policy: z.literal('deterministic').optional() }),
  components: z.array(TemplateSendComponentSchema).optional(),
});
export type OutboundTemplate = z.infer<typeof OutboundTemplateSchema>;
