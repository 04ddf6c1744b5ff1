import { render } from "@react-email/render";
import { describe, expect, it } from "vitest";
import ChatDigestEmail, { chatDigestSubject, type ChatDigestEmailProps } from "./chat-digest";

const base: Omit<ChatDigestEmailProps, "language"> = {
  orderNumber: 42,
  sellerName: "Brasserie du Pont",
  buyerName: "Épicerie Martin",
  count: 7,
  messages: [
    { author: "Marc Martin", organization: "Épicerie Martin", body: "Livraison avant 10 h ?\n<script>alert(1)</script>", time: "24 nov., 10:42 UTC+1", files: [] },
    { author: "Sophie Petit", organization: "Épicerie Martin", body: "", time: "24 nov., 10:44 UTC+1", files: ["bon.pdf"] },
  ],
  url: "http://localhost:3000/o/brasserie-du-pont/orders/abc?tab=messages",
  settingsUrl: "http://localhost:3000/account/notifications",
};

describe("chat digest email", () => {
  it.each(["fr", "en"] as const)("in %s: the order, the messages shown, the earlier ones counted, the links", async (language) => {
    const props = { ...base, language };
    const html = await render(ChatDigestEmail(props));
    const text = await render(ChatDigestEmail(props), { plainText: true });
    for (const expected of ["Marc Martin (Épicerie Martin)", "Livraison avant 10 h ?", "bon.pdf", base.url, base.settingsUrl]) expect(text).toContain(expected);
    expect(text).toContain(language === "fr" ? "…et 5 messages plus anciens." : "…and 5 earlier messages.");
    expect(chatDigestSubject(props)).toBe(
      language === "fr" ? "7 messages non lus sur la commande n° 42 (Épicerie Martin → Brasserie du Pont)" : "7 unread messages on order #42 (Épicerie Martin → Brasserie du Pont)",
    );
    // A message's markup stays text.
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("speaks of one message in the singular", () => {
    expect(chatDigestSubject({ ...base, language: "fr", count: 1, messages: base.messages.slice(0, 1) })).toMatch(/^1 message non lu sur/);
    expect(chatDigestSubject({ ...base, language: "en", count: 1, messages: base.messages.slice(0, 1) })).toMatch(/^1 unread message on/);
  });
});
