// The chat's API routes (../shared/api.md, "Chat"), described with the zod schemas that validate them.
import { z } from "zod";
import type { ApiRouteSpec } from "../api/route-spec";
import { postMessageSchema } from "./schemas";

const person = z.object({ id: z.string(), name: z.string() });

export const chatMessageApiSchema = z.object({
  id: z.string(),
  orderId: z.string().describe("Extension"),
  author: person,
  organization: person.describe("The author's organization when the message was posted"),
  body: z.string().describe("Plain text, never markup; clients may turn web addresses into links"),
  createdAt: z.string(),
  attachments: z
    .array(z.object({ id: z.string(), filename: z.string(), contentType: z.string(), sizeBytes: z.number().int() }))
    .describe("Extension: files sent with the message, at /api/v1/orders/{id}/attachments/{attachmentId}"),
  readBy: z.array(person.extend({ readAt: z.string() })).describe("Who has read it, its author excepted"),
});

export const chatApiRoutes: ApiRouteSpec[] = [
  {
    method: "get",
    path: "/api/v1/orders/{id}/messages",
    tag: "chat",
    summary: "The order's conversation, oldest first (its latest 500 messages), with read receipts. Any member of a party of the order may read it; another organization's order answers 404.",
    response: z.object({ messages: z.array(chatMessageApiSchema) }),
  },
  {
    method: "post",
    path: "/api/v1/orders/{id}/messages",
    tag: "chat",
    summary:
      "Posts a message as the token's user and organization; it is pushed live (`message:new` in the order's socket.io room) and the other parties' unread counts grow. `body` is plain text, 1 to 4,000 characters (400 validation_failed otherwise). Extension: a multipart/form-data body with `body` and a `file` (PDF, PNG, JPEG or WebP, checked by content, 10 MB at most) attaches the file; the text may then be empty.",
    body: postMessageSchema,
    response: chatMessageApiSchema,
    status: 201,
  },
  {
    method: "post",
    path: "/api/v1/orders/{id}/messages/read",
    tag: "chat",
    summary:
      "Extension: marks the conversation read by the token's user (read receipts, `message:read` in the order's room) and clears the order's unread count for that user. `read` is how many messages were newly read.",
    response: z.object({ readAt: z.string(), read: z.number().int() }),
  },
  {
    method: "get",
    path: "/api/v1/orders/{id}/attachments/{attachmentId}",
    tag: "chat",
    summary: "Extension: a file sent in the order's conversation, behind the same check as the order (404 otherwise).",
    produces: "application/octet-stream",
  },
];
