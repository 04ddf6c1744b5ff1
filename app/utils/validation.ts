// zod at every boundary: one way to turn a failed parse into a 400 `validation_failed` naming the fields.
// Messages are message keys (see app/locales) so that pages show them in the user's language.
import { z } from "zod";
import { validationError, type FieldErrors } from "./errors";

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_form";
    if (fields[key]) continue;
    fields[key] = messageOf(issue);
  }
  return fields;
}

function messageOf(issue: z.core.$ZodIssue): string {
  // Custom messages in schemas are message keys: keep them.
  if (issue.message && /^[a-z]+\.[A-Za-z.]+$/.test(issue.message)) return issue.message;
  switch (issue.code) {
    case "too_small":
      return issue.origin === "string" && issue.minimum === 1 ? "field.required" : "field.invalid";
    case "too_big":
      return issue.origin === "string" ? "field.tooLong" : "field.invalid";
    case "invalid_format":
      return issue.format === "email" ? "field.invalidEmail" : "field.invalid";
    case "invalid_type":
      return issue.input === undefined ? "field.required" : "field.invalid";
    default:
      return "field.invalid";
  }
}

/** Parses or throws AppError("validation_failed") with the fields named. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw validationError(fieldErrorsOf(result.error));
  return result.data;
}

/** FormData → plain object (repeated names become arrays). */
export function formDataToObject(formData: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value !== "string") continue;
    if (key in out) {
      const prev = out[key];
      out[key] = Array.isArray(prev) ? [...prev, value] : [prev, value];
    } else {
      out[key] = value;
    }
  }
  return out;
}

export const emailSchema = z.string().trim().toLowerCase().min(1).max(254).pipe(z.email());
export const nameSchema = z.string().trim().min(1).max(120);
export const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, "org.slugInvalid")
  .max(48, "org.slugInvalid")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "org.slugInvalid");

/** C0 and C1 control characters (NUL, tabs, line breaks, DEL…): nothing a person searches for. */
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * Every search text (`q`) of the API and the pages: trimmed, at most `max` characters, blank = none.
 * A control character anywhere is refused (400 naming the field) — a NUL used to be read as an empty
 * search and answered the whole list.
 */
export function searchText(max = 100) {
  return z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" && !CONTROL_CHARACTERS.test(v) ? undefined : v),
    z
      .string()
      .refine((text) => !CONTROL_CHARACTERS.test(text), { message: "field.controlCharacters" })
      .trim()
      .max(max)
      .optional(),
  );
}
