// zod schemas of the order chat, shared by the page's form, the JSON API and the socket handlers.
import { z } from "zod";

export const MAX_MESSAGE_LENGTH = 4_000;

/**
 * A message's text: surrounding blank lines and spaces go, the rest is kept as typed (plain text, never
 * markup). Empty is refused unless a file comes with it (checked by the service, which sees the file).
 */
export const messageBodySchema = z
  .string("chat.error.empty")
  .transform((text) => text.replace(/\r\n?/g, "\n").trim())
  .pipe(z.string().max(MAX_MESSAGE_LENGTH, "chat.error.tooLong"));

export const postMessageSchema = z.object({ body: z.preprocess((v) => v ?? "", messageBodySchema) });

