// Chat digests and email settings: a member who has not read an order's messages 10 minutes after the
// first one gets ONE email for that order (in its language), whatever the number of messages; the
// per-user settings silence digests and order emails. The digest job is called with its clock.
import { beforeAll, describe, expect, it } from "vitest";
import { sendChatDigests } from "~/modules/chat/digest.server";
import { getDb } from "~/utils/db.server";
import { insertOrder } from "../setup/insert-order";
import { api, apiToken, PageClient, useTestServer, type TestServer } from "../setup/http";
import { outboxTo } from "../setup/mail";

const MINUTE = 60_000;
let server: TestServer;
let marc: string;
let alice: string;

async function newOrder() {
  return insertOrder({
    seller: "brasserie-du-pont",
    buyer: "epicerie-martin",
    rep: "agence-rep",
    createdBy: "marc@martin.test",
    lines: [{ description: "Limonade artisanale — Caisse de 12", quantity: 3, unitPrice4: 14_4000 }],
  });
}

function say(token: string, orderId: string, body: string) {
  return api(server, "POST", `/api/v1/orders/${orderId}/messages`, { token, body: { body } });
}

async function digestsFor(email: string, orderNumber: number) {
  return (await outboxTo(email)).filter((e) => e.subject.includes(`${orderNumber} `) && /unread|non lu/.test(e.subject));
}

beforeAll(async () => {
  server = await useTestServer();
  marc = await apiToken(server, "marc@martin.test", "epicerie-martin");
  alice = await apiToken(server, "alice@brasserie.test", "brasserie-du-pont");
  // Rita reads English.
  await getDb().user.update({ where: { email: "rita@rep.test" }, data: { locale: "en" } });
});

describe("chat digest", () => {
  it("sends one email per order to each member who has not read it within 10 minutes, listing the messages", async () => {
    const order = await newOrder();
    const first = await say(marc, order.id, "Bonjour, une question sur la consigne.");
    await say(marc, order.id, "Les caisses vides partent avec le livreur ?");
    await say(marc, order.id, "Merci <b>d’avance</b>");
    const t0 = Date.parse(first.body.createdAt);

    expect(await sendChatDigests(new Date(t0 + 9 * MINUTE))).toBe(0);
    expect(await digestsFor("alice@brasserie.test", order.number)).toEqual([]);

    // Alice reads it before the 10 minutes: no email for her.
    expect((await api(server, "POST", `/api/v1/orders/${order.id}/messages/read`, { token: alice })).body.read).toBe(3);

    const written = await sendChatDigests(new Date(t0 + 10 * MINUTE + 1_000));
    expect(written).toBeGreaterThanOrEqual(3); // sam, anna (brasserie), rita (rep), sophie (épicerie)
    expect(await digestsFor("alice@brasserie.test", order.number)).toEqual([]);
    expect(await digestsFor("marc@martin.test", order.number)).toEqual([]); // the author

    const [sam] = await digestsFor("sam@brasserie.test", order.number);
    expect(sam.subject).toBe(`3 messages non lus sur la commande n° ${order.number} (Épicerie Martin → Brasserie du Pont)`);
    for (const text of ["Marc Martin (Épicerie Martin)", "Bonjour, une question sur la consigne.", "Les caisses vides partent avec le livreur ?", "Répondre dans Comptoir"]) {
      expect(sam.text).toContain(text);
    }
    expect(sam.text).toContain(`/o/brasserie-du-pont/orders/${order.id}?tab=messages`);
    // A message is text in the email too.
    expect(sam.html).toContain("Merci &lt;b&gt;d’avance&lt;/b&gt;");
    const [rita] = await digestsFor("rita@rep.test", order.number);
    expect(rita.subject).toBe(`3 unread messages on order #${order.number} (Épicerie Martin → Brasserie du Pont)`);
    expect(rita.text).toContain(`/o/agence-rep/orders/${order.id}?tab=messages`);
    expect(await digestsFor("sophie@martin.test", order.number)).toHaveLength(1);

    // The next runs send nothing more for these messages, nor for new ones to those still unread;
    // alice, who had read everything, hears about the new one (1 message).
    expect(await sendChatDigests(new Date(t0 + 11 * MINUTE))).toBe(0);
    await say(marc, order.id, "Je relance…");
    expect(await sendChatDigests(new Date(Date.now() + 30 * MINUTE))).toBe(1);
    expect(await digestsFor("sam@brasserie.test", order.number)).toHaveLength(1);
    const [forAlice] = await digestsFor("alice@brasserie.test", order.number);
    expect(forAlice.subject).toContain("1 message non lu");
    expect(forAlice.text).toContain("Je relance…");
    expect(forAlice.text).not.toContain("Bonjour, une question sur la consigne.");

    // Once read, a new message starts a new streak: one more digest 10 minutes after it.
    const samToken = await apiToken(server, "sam@brasserie.test", "brasserie-du-pont");
    await api(server, "POST", `/api/v1/orders/${order.id}/messages/read`, { token: samToken });
    const later = await say(marc, order.id, "Dernière question.");
    expect(await sendChatDigests(new Date(Date.parse(later.body.createdAt) + 10 * MINUTE + 1))).toBeGreaterThanOrEqual(1);
    const samDigests = await digestsFor("sam@brasserie.test", order.number);
    expect(samDigests).toHaveLength(2);
    expect(samDigests[1].subject).toContain("1 message non lu");
    expect(samDigests[1].text).toContain("Dernière question.");
  });

  it("writes each digest once even when two runs overlap", async () => {
    const order = await newOrder();
    const message = await say(marc, order.id, "Deux passages du job en même temps");
    const at = new Date(Date.parse(message.body.createdAt) + 11 * MINUTE);
    const [a, b] = await Promise.all([sendChatDigests(at), sendChatDigests(at)]);
    expect(a + b).toBeGreaterThan(0);
    expect(await digestsFor("sam@brasserie.test", order.number)).toHaveLength(1);
  });
});

describe("notification settings", () => {
  it("are set on the account page; message emails off means no digest", async () => {
    const anna = await new PageClient(server).login("anna@brasserie.test");
    const page = await anna.get("/account/notifications");
    expect(page.status).toBe(200);
    expect(page.html).toMatch(/name="MESSAGE"[^>]*checked/);
    // Everything on but messages (an unchecked box is not sent).
    const saved = await anna.post("/account/notifications", { ORDER_NEW: "on", ORDER_STATUS: "on", INVOICE: "on" });
    expect(saved.status).toBe(302);
    const again = await anna.get("/account/notifications");
    expect(again.html).not.toMatch(/name="MESSAGE"[^>]*checked/);
    expect(again.html).toMatch(/name="INVOICE"[^>]*checked/);

    const order = await newOrder();
    const message = await say(marc, order.id, "Pour le service compta aussi");
    await sendChatDigests(new Date(Date.parse(message.body.createdAt) + 11 * MINUTE));
    expect(await digestsFor("anna@brasserie.test", order.number)).toEqual([]);
    expect(await digestsFor("sam@brasserie.test", order.number)).toHaveLength(1);
    // Settled all the same: a later run does not pick it up.
    expect(await getDb().chatUnread.findFirst({ where: { orderId: order.id, user: { email: "anna@brasserie.test" } } })).toMatchObject({ digestedAt: expect.any(Date) });
  });

  it("silence order status emails for the user who turned them off, not for the others", async () => {
    const sophie = await new PageClient(server).login("sophie@martin.test");
    await sophie.post("/account/notifications", { ORDER_NEW: "on", MESSAGE: "on", INVOICE: "on" });
    const order = await newOrder();
    const accepted = await api(server, "POST", `/api/v1/orders/${order.id}/accept`, { token: alice, body: { version: order.version } });
    expect(accepted.status).toBe(200);
    const about = (email: string) => outboxTo(email).then((list) => list.filter((e) => e.subject.includes(`${order.number} `) && /accept/i.test(e.subject)));
    expect(await about("marc@martin.test")).toHaveLength(1);
    expect(await about("sophie@martin.test")).toEqual([]);
  });
});
