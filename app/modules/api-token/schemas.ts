import { z } from "zod";
import { emailSchema, slugSchema } from "~/utils/validation";

export const tokenRequestSchema = z.object({
  email: emailSchema,
  password: z.string().min(1).max(200),
  organization: slugSchema,
  name: z.string().trim().min(1).max(80).optional(),
});
