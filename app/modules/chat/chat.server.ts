// The order chat: one conversation per order between the members of its parties (seller, buyer, rep,
// distributor). Every function checks first (inside its transaction when it writes) that the order is
// visible to the actor's organization: a foreign order answers 404 like one that does not exist.
// Posting and reading are the hot paths: each is one short write transaction of prepared statements
// on the raw connection (app/utils/db.server.ts).
//
// Unread counts: posting a message adds one to the ChatUnread row of every member of the parties but
// the author (one row per user and order while something is unread); reading the conversation writes
// a receipt per message read and removes the row. Lists and the navigation read those rows only.
// Live updates are published after the commit (./chat-events.ts).
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Prisma } from "@prisma/client";
import { connectDb, getDb, sqlTimestamp, statement, writeTransaction, type Sqlite, type Tx } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { AppError, notFound, validationError } from "~/utils/errors";
import { newId } from "~/utils/ids.server";
import { parseInput } from "~/utils/validation";
import { requirePermission } from "../org/access.server";
import type { OrgActor } from "../org/actor";
import { cleanFilename, MAX_UPLOAD_BYTES, newStorageKey, sniffUploadType } from "../order/documents.server";
import { ORDER_VISIBLE_SQL, orderVisibleTo } from "../order/visibility.server";
import { publishChatEvent } from "./chat-events";
import { postMessageSchema } from "./schemas";
import type { ChatAttachmentView, ChatMessageView, ChatReadEvent } from "./types";

/** The conversation shows (and the API returns) its latest messages, up to this many. */
export const CONVERSATION_LIMIT = 500;

export type ChatFile = { filename: string; bytes: Uint8Array };

// ---- Files

function chatFilesDir(): string {
  return path.join(getEnv().dataDir, "chat");
}

function storagePath(storageKey: string): string {
  const root = chatFilesDir();
  const full = path.resolve(root, storageKey);
  // Keys are made here, never from a request: one outside the folder is a bug (a 500 whose body
  // says nothing of it).
  if (!full.startsWith(root + path.sep)) throw new Error(`Storage key outside ${root}: ${JSON.stringify(storageKey)}`);
  return full;
}

function writeStored(storageKey: string, bytes: Uint8Array): void {
  const full = storagePath(storageKey);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  const tmp = `${full}.${crypto.randomBytes(6).toString("hex")}.tmp`;
  fs.writeFileSync(tmp, bytes);
  fs.renameSync(tmp, full);
}

/** A file over the limit, named as the field's error; 413 when the body was cut off unread. */
export function chatFileTooLargeError(oversize: "file" | "body" = "file"): AppError {
  if (oversize === "body") return new AppError("payload_too_large", "chat.error.fileTooLarge", { fields: { file: "chat.error.fileTooLarge" } });
  return validationError({ file: "chat.error.fileTooLarge" }, "chat.error.fileTooLarge");
}

/** Checks an attached file by its content (PDF, PNG, JPEG, WebP; 10 MB) and names it safely. */
function checkFile(file: ChatFile): { filename: string; contentType: string } {
  if (file.bytes.byteLength === 0) throw validationError({ file: "chat.error.fileEmpty" }, "chat.error.fileEmpty");
  if (file.bytes.byteLength > MAX_UPLOAD_BYTES) throw chatFileTooLargeError();
  const type = sniffUploadType(file.bytes);
  if (!type) throw validationError({ file: "chat.error.fileType" }, "chat.error.fileType");
  return { filename: cleanFilename(file.filename, type), contentType: type };
}

// ---- Reading

type PartyIds = { id: string; sellerId: string; buyerId: string; repId: string | null; distributorId: string | null };

async function loadVisibleOrder(tx: Tx, actor: OrgActor, orderId: string): Promise<PartyIds> {
  const order = await tx.order.findFirst({
    where: { AND: [{ id: orderId }, orderVisibleTo(actor.orgId)] },
    select: { id: true, sellerId: true, buyerId: true, repId: true, distributorId: true },
  });
  if (!order) throw notFound("error.not_found");
  return order;
}

const messageInclude = {
  author: { select: { id: true, name: true } },
  attachments: { select: { id: true, filename: true, contentType: true, sizeBytes: true }, orderBy: { createdAt: "asc" } },
  receipts: { select: { readAt: true, user: { select: { id: true, name: true } } }, orderBy: { readAt: "asc" } },
} satisfies Prisma.ChatMessageInclude;

type MessageRow = Prisma.ChatMessageGetPayload<{ include: typeof messageInclude }>;

function messageView(row: MessageRow): ChatMessageView {
  return {
    id: row.id,
    orderId: row.orderId,
    author: row.author,
    organization: { id: row.authorOrgId, name: row.authorOrgName },
    body: row.body,
    createdAt: row.createdAt.toISOString(),
    attachments: row.attachments satisfies ChatAttachmentView[],
    readBy: row.receipts.map((r) => ({ id: r.user.id, name: r.user.name, readAt: r.readAt.toISOString() })),
  };
}

/** The order's conversation, oldest first (its latest CONVERSATION_LIMIT messages). */
export async function listMessages(actor: OrgActor, orderId: string): Promise<{ messages: ChatMessageView[] }> {
  requirePermission(actor, "chat:read");
  // Reads only: no transaction (it would wait for the write lock); the order is checked first.
  const db = getDb();
  await loadVisibleOrder(db, actor, orderId);
  const rows = await db.chatMessage.findMany({
    where: { orderId },
    include: messageInclude,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: CONVERSATION_LIMIT,
  });
  return { messages: rows.reverse().map(messageView) };
}

// ---- Posting

/** The members of the order's parties, each once, with the organization through which it takes part. */
function partyMembers(db: Sqlite, order: PartyIds): { userId: string; orgId: string }[] {
  const priority = [order.sellerId, order.repId, order.distributorId, order.buyerId].filter((id): id is string => Boolean(id));
  const memberships = statement(db, `SELECT userId, organizationId FROM "Membership" WHERE organizationId IN (SELECT value FROM json_each(?))`).all(
    JSON.stringify(priority),
  ) as { userId: string; organizationId: string }[];
  memberships.sort((a, b) => priority.indexOf(a.organizationId) - priority.indexOf(b.organizationId));
  const byUser = new Map<string, string>();
  for (const m of memberships) if (!byUser.has(m.userId)) byUser.set(m.userId, m.organizationId);
  return [...byUser].map(([userId, orgId]) => ({ userId, orgId }));
}

/** Receipts for the messages of others the user has not read yet, and the order's unread row gone. */
function readAllSync(db: Sqlite, actor: OrgActor, orderId: string, now: Date): ChatReadEvent | null {
  statement(db, `DELETE FROM "ChatUnread" WHERE userId = ? AND orderId = ?`).run(actor.userId, orderId);
  const unread = statement(
    db,
    `SELECT m.id FROM "ChatMessage" m WHERE m.orderId = ? AND m.authorId <> ?
       AND NOT EXISTS (SELECT 1 FROM "ChatReceipt" r WHERE r.messageId = m.id AND r.userId = ?)
     ORDER BY m.createdAt, m.id`,
  ).all(orderId, actor.userId, actor.userId) as { id: string }[];
  if (unread.length === 0) return null;
  const insert = statement(db, `INSERT INTO "ChatReceipt" ("messageId", "userId", "readAt") VALUES (?, ?, ?)`);
  for (const m of unread) insert.run(m.id, actor.userId, sqlTimestamp(now));
  return { orderId, user: { id: actor.userId, name: actor.userName }, readAt: now.toISOString(), messageIds: unread.map((m) => m.id) };
}

/**
 * Posts a message (text, a file, or both) as the actor. Empty text without a file, or text over
 * 4,000 characters, answers 400 validation_failed naming `body`; a refused file names `file`.
 * The hot path of the chat: one short write transaction of prepared statements on the raw connection.
 */
export async function postMessage(actor: OrgActor, orderId: string, input: unknown, file?: ChatFile | null): Promise<ChatMessageView> {
  requirePermission(actor, "chat:post");
  // The file is written before the transaction (no disk work under the write lock), once the order
  // is known to be visible (nothing is written for an order the actor cannot see), under a random key
  // (never a path made from the request's id), and removed if the message is not saved.
  if (file) await loadVisibleOrder(getDb(), actor, orderId);
  const { body } = parseInput(postMessageSchema, input);
  if (!body && !file) throw validationError({ body: "chat.error.empty" }, "chat.error.empty");
  const checked = file ? checkFile(file) : null;
  const attachment =
    checked && file
      ? { id: newId(), filename: checked.filename, contentType: checked.contentType, sizeBytes: file.bytes.byteLength, storageKey: newStorageKey("attachments") }
      : null;
  if (attachment && file) writeStored(attachment.storageKey, file.bytes);
  try {
    const now = new Date();
    const { message, recipients, read } = await writeTransaction((db) => {
      const order = statement(
        db,
        `SELECT id, sellerId, buyerId, repId, distributorId FROM "Order" o WHERE id = @orderId AND ${ORDER_VISIBLE_SQL}`,
      ).get({ orderId, orgId: actor.orgId }) as PartyIds | undefined;
      if (!order) throw notFound("error.not_found");
      const at = sqlTimestamp(now);
      const id = newId();
      statement(db, `INSERT INTO "ChatMessage" ("id", "orderId", "authorId", "authorOrgId", "authorOrgName", "body", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?)`).run(
        id, orderId, actor.userId, actor.orgId, actor.orgName, body, at,
      );
      if (attachment) {
        statement(
          db,
          `INSERT INTO "ChatAttachment" ("id", "messageId", "orderId", "filename", "contentType", "sizeBytes", "storageKey", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(attachment.id, id, orderId, attachment.filename, attachment.contentType, attachment.sizeBytes, attachment.storageKey, at);
      }
      const members = partyMembers(db, order).filter((m) => m.userId !== actor.userId);
      const unread = statement(
        db,
        `INSERT INTO "ChatUnread" ("userId", "orderId", "orgId", "count", "firstUnreadAt") VALUES (?, ?, ?, 1, ?)
         ON CONFLICT ("userId", "orderId") DO UPDATE SET "count" = "count" + 1`,
      );
      for (const m of members) unread.run(m.userId, orderId, m.orgId, at);
      const view: ChatMessageView = {
        id,
        orderId,
        author: { id: actor.userId, name: actor.userName },
        organization: { id: actor.orgId, name: actor.orgName },
        body,
        createdAt: now.toISOString(),
        attachments: attachment ? [{ id: attachment.id, filename: attachment.filename, contentType: attachment.contentType, sizeBytes: attachment.sizeBytes }] : [],
        readBy: [],
      };
      // Writing in the conversation means having read it.
      return { message: view, recipients: members.map((m) => m.userId), read: readAllSync(db, actor, orderId, now) };
    });
    publishChatEvent("message:new", { orderId, message });
    if (read) publishChatEvent("message:read", read);
    publishChatEvent("chat:unread", { orderId, userIds: [...recipients, actor.userId] });
    return message;
  } catch (error) {
    if (attachment) fs.rmSync(storagePath(attachment.storageKey), { force: true });
    throw error;
  }
}

// ---- Read receipts and unread counts

/**
 * The actor has the conversation on screen: every message of the others is read (a receipt each),
 * and the order no longer counts as unread for the actor. Returns what was newly read.
 */
export async function markConversationRead(actor: OrgActor, orderId: string, now: Date = new Date()): Promise<{ readAt: string; read: number }> {
  requirePermission(actor, "chat:read");
  const { event, hadUnread } = await writeTransaction((db) => {
    const visible = statement(
      db,
      `SELECT 1 FROM "Order" o WHERE id = @orderId AND ${ORDER_VISIBLE_SQL}`,
    ).get({ orderId, orgId: actor.orgId });
    if (!visible) throw notFound("error.not_found");
    const hadUnread = Boolean(statement(db, `SELECT 1 FROM "ChatUnread" WHERE userId = ? AND orderId = ?`).get(actor.userId, orderId));
    return { event: readAllSync(db, actor, orderId, now), hadUnread };
  });
  if (event) publishChatEvent("message:read", event);
  if (event || hadUnread) publishChatEvent("chat:unread", { orderId, userIds: [actor.userId] });
  return { readAt: now.toISOString(), read: event?.messageIds.length ?? 0 };
}

/**
 * The ChatUnread rows of the actor's user on orders its organization sees (the user may take part in
 * an order through another of its organizations). The primary key (userId, orderId) finds the rows.
 */
const VISIBLE_UNREAD = `"ChatUnread" u JOIN "Order" o ON o.id = u.orderId
  WHERE u.userId = @userId AND ${ORDER_VISIBLE_SQL}`;

/** Unread messages per order for the actor's user, for the orders given (a list page). */
export async function unreadCountsByOrder(actor: OrgActor, orderIds: string[]): Promise<Record<string, number>> {
  if (orderIds.length === 0) return {};
  const rows = statement(
    await connectDb(),
    `SELECT u.orderId, u.count FROM ${VISIBLE_UNREAD} AND u.orderId IN (SELECT value FROM json_each(@orderIds))`,
  ).all({ userId: actor.userId, orgId: actor.orgId, orderIds: JSON.stringify(orderIds) }) as { orderId: string; count: number }[];
  return Object.fromEntries(rows.map((r) => [r.orderId, r.count]));
}

/** Unread messages of the actor's user across the orders its organization sees (the navigation). */
export async function unreadTotal(actor: OrgActor): Promise<number> {
  const sum = statement(await connectDb(), `SELECT COALESCE(SUM(u.count), 0) AS total FROM ${VISIBLE_UNREAD}`).get({
    userId: actor.userId,
    orgId: actor.orgId,
  }) as { total: number };
  return sum.total;
}

// ---- Attachments

/** An attached file, behind the same check as its order. */
export async function readAttachment(actor: OrgActor, orderId: string, attachmentId: string): Promise<{ filename: string; contentType: string; bytes: Uint8Array }> {
  requirePermission(actor, "chat:read");
  const attachment = await getDb().chatAttachment.findFirst({
    where: { id: attachmentId, orderId, message: { order: orderVisibleTo(actor.orgId) } },
  });
  if (!attachment) throw notFound("error.not_found");
  try {
    return { filename: attachment.filename, contentType: attachment.contentType, bytes: new Uint8Array(fs.readFileSync(storagePath(attachment.storageKey))) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw notFound("error.not_found");
    throw error;
  }
}

/** The conversation as its reader opens it: marked read first, then listed. */
export async function openConversation(actor: OrgActor, orderId: string): Promise<{ messages: ChatMessageView[] }> {
  await markConversationRead(actor, orderId);
  return listMessages(actor, orderId);
}
