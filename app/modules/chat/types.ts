// The message object of the API (../shared/api.md, "Chat"), of the pages and of `message:new`.
export type ChatPerson = { id: string; name: string };

export type ChatAttachmentView = { id: string; filename: string; contentType: string; sizeBytes: number };

export type ChatReader = ChatPerson & { readAt: string };

export type ChatMessageView = {
  id: string;
  orderId: string;
  author: ChatPerson;
  /** The author's organization when the message was posted. */
  organization: ChatPerson;
  body: string;
  createdAt: string;
  attachments: ChatAttachmentView[];
  /** Who has read it (its author excepted), in reading order. */
  readBy: ChatReader[];
};

/** `message:read`: a user has read these messages of the order. */
export type ChatReadEvent = { orderId: string; user: ChatPerson; readAt: string; messageIds: string[] };
