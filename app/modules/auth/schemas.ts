import { z } from "zod";
import { emailSchema, nameSchema } from "~/utils/validation";

export const passwordSchema = z.string().min(8, "auth.passwordTooShort").max(200, "field.tooLong");
export const languageSchema = z.enum(["fr", "en"]);

export const signUpSchema = z.object({
  name: nameSchema,
  email: emailSchema,
  password: passwordSchema,
  locale: languageSchema.optional(),
});

export const logInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1).max(200),
});

export const forgotPasswordSchema = z.object({ email: emailSchema });

export const resetPasswordSchema = z.object({
  token: z.string().min(10).max(200),
  password: passwordSchema,
});

export const profileSchema = z.object({
  name: nameSchema,
  locale: z.union([languageSchema, z.literal("")]).transform((v) => (v === "" ? null : v)),
});

export const changePasswordSchema = z.object({
  currentPassword: z.string().min(1).max(200),
  password: passwordSchema,
});

export const emailChangeSchema = z.object({
  newEmail: emailSchema,
  password: z.string().min(1).max(200),
});
