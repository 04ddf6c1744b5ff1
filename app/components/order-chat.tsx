// The order's conversation (Messages tab). Without JavaScript it is a plain multipart form that posts
// to /o/:org/orders/:orderId/messages and comes back here; with it, the same form posts in place and
// the conversation is live over the tab's socket.io connection (components/live.tsx): new messages,
// read receipts ("Seen by Alice 10:42") and who is typing. A message that arrives while the page is
// visible is marked read at once (`order:read`); one that arrives in a hidden tab, when the tab shows.
// Bodies are text: web addresses become links, nothing else is markup (React escapes the rest).
import { Link, useFetcher } from "@remix-run/react";
import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { linkify } from "~/modules/chat/linkify";
import type { ChatMessageView, ChatPerson, ChatReadEvent } from "~/modules/chat/types";
import { useFormat, useT } from "./i18n";
import { emitLive, onLiveEvent } from "./live";
import { FormError } from "./ui/field";

export const CHAT_ACCEPT = ".pdf,.png,.jpg,.jpeg,.webp,application/pdf,image/png,image/jpeg,image/webp";
const TYPING_SHOWN_MS = 4_000;
const TYPING_SENT_EVERY_MS = 2_000;

export function messagesActionPath(orgSlug: string, orderId: string): string {
  return `/o/${orgSlug}/orders/${orderId}/messages`;
}

type FormErrors = { formError?: string; fieldErrors?: Record<string, string>; values?: Record<string, unknown> } | null;
type ActionResult = { ok: true; message: ChatMessageView } | ({ ok: false } & NonNullable<FormErrors>);

/** Loader messages, plus those received live, plus receipts received live; oldest first. */
function mergeConversation(base: ChatMessageView[], received: ChatMessageView[], reads: ChatReadEvent[]): ChatMessageView[] {
  const byId = new Map(base.map((m) => [m.id, m]));
  for (const m of received) if (!byId.has(m.id)) byId.set(m.id, m);
  const list = [...byId.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  if (reads.length === 0) return list;
  return list.map((m) => {
    const extra = reads.filter((r) => r.messageIds.includes(m.id) && !m.readBy.some((x) => x.id === r.user.id));
    if (extra.length === 0) return m;
    const readBy = [...m.readBy];
    for (const r of extra) if (!readBy.some((x) => x.id === r.user.id)) readBy.push({ ...r.user, readAt: r.readAt });
    return { ...m, readBy };
  });
}

/** Each reader once, under the latest message they have read. */
function receiptsByMessage(messages: ChatMessageView[], me: string): Map<string, { name: string; readAt: string }[]> {
  const latest = new Map<string, { messageId: string; name: string; readAt: string }>();
  for (const m of messages) for (const r of m.readBy) if (r.id !== me) latest.set(r.id, { messageId: m.id, name: r.name, readAt: r.readAt });
  const out = new Map<string, { name: string; readAt: string }[]>();
  for (const r of latest.values()) out.set(r.messageId, [...(out.get(r.messageId) ?? []), { name: r.name, readAt: r.readAt }]);
  return out;
}

export function OrderChat(props: { orderId: string; orgSlug: string; me: string; parties: string; messages: ChatMessageView[]; errors?: FormErrors }) {
  const t = useT();
  const fmt = useFormat();
  const id = useId();
  const fetcher = useFetcher<ActionResult>();
  const formRef = useRef<HTMLFormElement>(null);
  const [hydrated, setHydrated] = useState(false);
  const [received, setReceived] = useState<ChatMessageView[]>([]);
  const [reads, setReads] = useState<ChatReadEvent[]>([]);
  const [typing, setTyping] = useState<Record<string, { name: string; until: number }>>({});
  const lastTypingSent = useRef(0);
  const { orderId, me } = props;

  useEffect(() => setHydrated(true), []);

  useEffect(() => {
    setReceived([]);
    setReads([]);
    let unreadWhileHidden = false;
    const markRead = () => emitLive("order:read", { orderId });
    const offs = [
      onLiveEvent<{ orderId: string; message: ChatMessageView }>("message:new", (event) => {
        if (event.orderId !== orderId) return;
        setReceived((list) => (list.some((m) => m.id === event.message.id) ? list : [...list, event.message]));
        setTyping((current) => {
          const { [event.message.author.id]: _, ...rest } = current;
          return rest;
        });
        if (event.message.author.id === me) return;
        if (document.visibilityState === "visible") markRead();
        else unreadWhileHidden = true;
      }),
      onLiveEvent<ChatReadEvent>("message:read", (event) => {
        if (event.orderId === orderId) setReads((list) => [...list, event]);
      }),
      onLiveEvent<{ orderId: string; user: ChatPerson }>("typing", (event) => {
        if (event.orderId !== orderId || event.user.id === me) return;
        setTyping((current) => ({ ...current, [event.user.id]: { name: event.user.name, until: Date.now() + TYPING_SHOWN_MS } }));
      }),
    ];
    const onVisible = () => {
      if (document.visibilityState === "visible" && unreadWhileHidden) {
        unreadWhileHidden = false;
        markRead();
      }
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      offs.forEach((off) => off());
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [orderId, me]);

  // Typing notices fade out on their own.
  const typingNames = Object.values(typing).map((x) => x.name);
  useEffect(() => {
    if (typingNames.length === 0) return;
    const timer = setInterval(() => {
      const now = Date.now();
      setTyping((current) => Object.fromEntries(Object.entries(current).filter(([, x]) => x.until > now)));
    }, 1_000);
    return () => clearInterval(timer);
  }, [typingNames.length]);

  const messages = useMemo(() => mergeConversation(props.messages, received, reads), [props.messages, received, reads]);
  const receipts = useMemo(() => receiptsByMessage(messages, me), [messages, me]);

  // A message sent in place: the form empties for the next one.
  const sent = fetcher.state === "idle" && fetcher.data?.ok ? fetcher.data.message : null;
  useEffect(() => {
    if (!sent) return;
    setReceived((list) => (list.some((m) => m.id === sent.id) ? list : [...list, sent]));
    formRef.current?.reset();
    formRef.current?.querySelector("textarea")?.focus();
  }, [sent]);

  const failed = fetcher.data && !fetcher.data.ok ? fetcher.data : null;
  const errors = failed ?? props.errors ?? null;
  const bodyError = errors?.fieldErrors?.body;
  const fileError = errors?.fieldErrors?.file;
  const formError = errors?.formError && errors.formError !== bodyError && errors.formError !== fileError ? errors.formError : null;
  const typedBefore = typeof errors?.values?.body === "string" ? errors.values.body : undefined;
  const busy = fetcher.state !== "idle";

  const onInput = () => {
    const now = Date.now();
    if (now - lastTypingSent.current < TYPING_SENT_EVERY_MS) return;
    lastTypingSent.current = now;
    emitLive("typing", { orderId });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // Enter sends, Shift+Enter starts a new line (as in other chats); the button does the same.
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      formRef.current?.requestSubmit();
    }
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    if (busy) event.preventDefault();
  };

  const timeOf = (iso: string) => new Intl.DateTimeFormat(fmt.locale, { hour: "2-digit", minute: "2-digit" }).format(new Date(iso));
  const base = `/o/${props.orgSlug}/orders/${orderId}`;

  return (
    <section aria-labelledby={`${id}-title`} className="card flex flex-col">
      <div className="flex flex-wrap items-baseline justify-between gap-2 border-b border-stone-100 px-5 py-3">
        <h2 id={`${id}-title`} className="text-base font-semibold">
          {t("chat.title")}
        </h2>
        <p className="text-xs text-stone-500">
          {t("chat.intro", { parties: props.parties })} ·{" "}
          <Link to="/account/notifications" className="link">
            {t("chat.notifications")}
          </Link>
        </p>
      </div>
      {messages.length === 0 ? (
        <div className="px-5 py-8 text-center">
          <p className="font-medium text-stone-800">{t("chat.empty.title")}</p>
          <p className="mt-1 text-sm text-stone-600">{t("chat.empty.description")}</p>
        </div>
      ) : (
        <ol role="log" aria-label={t("chat.title")} aria-live="polite" className="max-h-[32rem] space-y-4 overflow-y-auto px-5 py-4">
          {messages.map((m) => {
            const mine = m.author.id === me;
            const seen = receipts.get(m.id);
            return (
              <li key={m.id} id={`m-${m.id}`} className={`flex flex-col ${mine ? "items-end" : "items-start"}`}>
                <p className="text-xs text-stone-500">
                  <span className="font-semibold text-stone-700">{mine ? t("chat.you") : m.author.name}</span> ({m.organization.name}) ·{" "}
                  <time dateTime={m.createdAt}>{fmt.dateTime(m.createdAt)}</time>
                </p>
                <div className={`mt-1 max-w-[85%] rounded-lg px-3 py-2 text-sm ${mine ? "bg-brand-50 text-stone-900" : "bg-stone-100 text-stone-900"}`}>
                  {m.body ? (
                    <p className="whitespace-pre-wrap break-words">
                      {linkify(m.body).map((piece, i) =>
                        piece.kind === "link" ? (
                          <a key={i} href={piece.href} className="link break-all" target="_blank" rel="noopener noreferrer nofollow ugc">
                            {piece.text}
                          </a>
                        ) : (
                          <span key={i}>{piece.text}</span>
                        ),
                      )}
                    </p>
                  ) : null}
                  {m.attachments.map((a) => {
                    const href = `${base}/attachments/${a.id}`;
                    return a.contentType.startsWith("image/") ? (
                      <a key={a.id} href={href} target="_blank" rel="noreferrer" className="mt-2 block" aria-label={t("chat.openImage", { filename: a.filename })}>
                        <img src={href} alt={a.filename} loading="lazy" className="max-h-48 rounded ring-1 ring-stone-200" />
                      </a>
                    ) : (
                      <a key={a.id} href={href} className="link mt-2 block break-all">
                        📎 {a.filename}
                      </a>
                    );
                  })}
                </div>
                {seen ? (
                  <p className="mt-1 text-xs text-stone-500">
                    {t("chat.seenBy", { readers: seen.map((r) => t("chat.reader", { name: r.name, time: timeOf(r.readAt) })).join(", ") })}
                  </p>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
      <p aria-live="polite" className="min-h-[1.5rem] px-5 text-xs italic text-stone-500">
        {typingNames.length === 1 ? t("chat.typing", { names: typingNames[0] }) : typingNames.length > 1 ? t("chat.typingMany", { names: typingNames.join(", ") }) : ""}
      </p>
      <fetcher.Form
        ref={formRef}
        method="post"
        encType="multipart/form-data"
        action={messagesActionPath(props.orgSlug, orderId)}
        onSubmit={onSubmit}
        className="space-y-3 border-t border-stone-100 px-5 py-4"
        aria-label={t("chat.body")}
        noValidate
      >
        {hydrated ? <input type="hidden" name="live" value="1" /> : null}
        <FormError message={formError} />
        <div>
          <label htmlFor={`${id}-body`} className="label">
            {t("chat.body")}
          </label>
          <textarea
            id={`${id}-body`}
            name="body"
            rows={3}
            maxLength={4_000}
            defaultValue={typedBefore}
            onInput={onInput}
            onKeyDown={onKeyDown}
            aria-invalid={bodyError ? true : undefined}
            aria-describedby={bodyError ? `${id}-body-error` : `${id}-body-hint`}
            className="input mt-1"
          />
          {bodyError ? (
            <p id={`${id}-body-error`} role="alert" className="mt-1 text-sm text-red-700">
              {bodyError}
            </p>
          ) : (
            <p id={`${id}-body-hint`} className="mt-1 text-xs text-stone-500">
              {t("chat.bodyHint")}
            </p>
          )}
        </div>
        <div className="flex flex-wrap items-end justify-between gap-3">
          <div>
            <label htmlFor={`${id}-file`} className="label">
              {t("chat.file")}
            </label>
            <input
              id={`${id}-file`}
              name="file"
              type="file"
              accept={CHAT_ACCEPT}
              aria-invalid={fileError ? true : undefined}
              aria-describedby={fileError ? `${id}-file-error` : `${id}-file-hint`}
              className="mt-1 block text-sm file:mr-3 file:rounded-md file:border-0 file:bg-brand-50 file:px-3 file:py-2 file:text-sm file:font-semibold file:text-brand-800"
            />
            {fileError ? (
              <p id={`${id}-file-error`} role="alert" className="mt-1 text-sm text-red-700">
                {fileError}
              </p>
            ) : (
              <p id={`${id}-file-hint`} className="mt-1 text-xs text-stone-500">
                {t("chat.fileHint")}
              </p>
            )}
          </div>
          <button type="submit" className="btn-primary" disabled={busy} aria-busy={busy || undefined}>
            {busy ? t("common.loading") : t("chat.send")}
          </button>
        </div>
      </fetcher.Form>
    </section>
  );
}
