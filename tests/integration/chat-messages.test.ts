// The order chat over HTTP: the API (../shared/api.md, "Chat"), the page's plain form (no JavaScript),
// read receipts, unread counts in the list and the navigation, attachments, limits and markup.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/utils/db.server";
import { insertOrder } from "../setup/insert-order";
import { api, apiToken, PageClient, useTestServer, type TestServer } from "../setup/http";

const BRASSERIE = "brasserie-du-pont";
const MARTIN = "epicerie-martin";
const EN = { "Accept-Language": "en" };
const FR = { "Accept-Language": "fr" };

const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

let server: TestServer;
let alice: string; // brasserie OWNER
let marc: string; // épicerie OWNER
let rita: string; // rep agency OWNER
let bruno: string; // boulangerie: no part in the order
let orderId: string;

async function newOrder(): Promise<string> {
  const order = await insertOrder({
    seller: BRASSERIE,
    buyer: MARTIN,
    rep: "agence-rep",
    distributor: "distribution-nord",
    createdBy: "marc@martin.test",
    lines: [{ description: "Blonde du Pont — Caisse de 24 × 33 cl", quantity: 10, unitPrice4: 42_0000 }],
  });
  return order.id;
}

function post(token: string, id: string, body: unknown) {
  return api(server, "POST", `/api/v1/orders/${id}/messages`, { token, body });
}

beforeAll(async () => {
  server = await useTestServer();
  [alice, marc, rita, bruno] = await Promise.all([
    apiToken(server, "alice@brasserie.test", BRASSERIE),
    apiToken(server, "marc@martin.test", MARTIN),
    apiToken(server, "rita@rep.test", "agence-rep"),
    apiToken(server, "bruno@aurore.test", "boulangerie-aurore"),
  ]);
  orderId = await newOrder();
});

describe("API: GET/POST /api/v1/orders/:id/messages", () => {
  it("stores a message with its author and the author's organization, and lists it to every party", async () => {
    const created = await post(marc, orderId, { body: "  Pouvez-vous livrer avant 10 h ?\n" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      orderId,
      author: { name: "Marc Martin" },
      organization: { name: "Épicerie Martin" },
      body: "Pouvez-vous livrer avant 10 h ?",
      attachments: [],
      readBy: [],
    });
    expect(Number.isNaN(Date.parse(created.body.createdAt))).toBe(false);
    for (const token of [alice, rita, marc]) {
      const list = await api(server, "GET", `/api/v1/orders/${orderId}/messages`, { token });
      expect(list.status).toBe(200);
      expect(list.body.messages.map((m: { id: string }) => m.id)).toContain(created.body.id);
    }
  });

  it("answers 404 to an organization with no part in the order: no reading, no posting", async () => {
    const read = await api(server, "GET", `/api/v1/orders/${orderId}/messages`, { token: bruno });
    expect(read.status).toBe(404);
    expect(read.body.error.code).toBe("not_found");
    const write = await post(bruno, orderId, { body: "Bonjour" });
    expect(write.status).toBe(404);
    expect(await getDb().chatMessage.count({ where: { orderId, body: "Bonjour" } })).toBe(0);
  });

  it("refuses an empty message and one over 4,000 characters with a 400 naming the field; takes exactly 4,000", async () => {
    for (const body of [{ body: "" }, { body: "   \n  " }, {}]) {
      const res = await post(alice, orderId, body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("validation_failed");
      expect(res.body.error.details.fields.body).toBe("Write a message (or attach a file).");
    }
    const tooLong = await post(alice, orderId, { body: "x".repeat(4_001) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.details.fields.body).toBe("A message has 4,000 characters at most.");
    const longest = await post(alice, orderId, { body: "y".repeat(4_000) });
    expect(longest.status).toBe(201);
    expect(longest.body.body).toHaveLength(4_000);
    expect((await post(alice, orderId, { body: 42 })).status).toBe(400);
  });

  it("keeps markup as text: the API returns it as typed, the page shows it escaped and makes only web addresses links", async () => {
    const id = await newOrder();
    const evil = `<script>alert("x")</script><img src=x onerror=alert(1)> javascript:alert(1) see https://brasserie.test/tarifs.`;
    const created = await post(marc, id, { body: evil });
    expect(created.body.body).toBe(evil);
    const page = await new PageClient(server).login("alice@brasserie.test");
    const html = (await page.get(`/o/${BRASSERIE}/orders/${id}?tab=messages`)).html;
    expect(html).not.toContain("<script>alert");
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;");
    expect(html).toMatch(/<a href="https:\/\/brasserie\.test\/tarifs" class="link break-all" target="_blank" rel="noopener noreferrer nofollow ugc">https:\/\/brasserie\.test\/tarifs<\/a>/);
    expect(html).not.toMatch(/href="javascript:/);
  });
});

describe("read receipts and unread counts", () => {
  it("counts a message as unread for every other member of the parties, until each reads the conversation", async () => {
    const id = await newOrder();
    const before = await api(server, "GET", `/api/v1/orders/${id}/messages`, { token: alice });
    expect(before.body.messages).toEqual([]);
    const first = await post(marc, id, { body: "Premier" });
    await post(marc, id, { body: "Second" });
    const db = getDb();
    const unread = await db.chatUnread.findMany({ where: { orderId: id }, include: { user: { select: { email: true } } } });
    const byEmail = Object.fromEntries(unread.map((u) => [u.user.email, u.count]));
    // Every member of the brasserie, the rep agency and the distributor, and marc's colleague; not marc.
    expect(byEmail).toMatchObject({ "alice@brasserie.test": 2, "sam@brasserie.test": 2, "anna@brasserie.test": 2, "rita@rep.test": 2, "dan@nord.test": 2, "sophie@martin.test": 2 });
    expect(byEmail["marc@martin.test"]).toBeUndefined();

    // Alice opens the Messages tab: read, with a receipt per message; marc sees "seen by Alice".
    const alicePage = await new PageClient(server).login("alice@brasserie.test");
    const tab = await alicePage.get(`/o/${BRASSERIE}/orders/${id}?tab=messages`);
    expect(tab.status).toBe(200);
    expect(await db.chatUnread.count({ where: { orderId: id, user: { email: "alice@brasserie.test" } } })).toBe(0);
    const list = await api(server, "GET", `/api/v1/orders/${id}/messages`, { token: marc });
    expect(list.body.messages.map((m: any) => m.readBy.map((r: any) => r.name))).toEqual([["Alice Dupont"], ["Alice Dupont"]]);
    expect(list.body.messages[0].id).toBe(first.body.id);
    const marcPage = await new PageClient(server).login("marc@martin.test");
    const marcView = (await marcPage.get(`/o/${MARTIN}/orders/${id}?tab=messages`)).html.replace(/<!-- -->/g, "");
    expect(marcView).toMatch(/Vu par Alice Dupont \d{2}:\d{2}|Seen by Alice Dupont \d{2}:\d{2}/);

    // The API reader marks read too; reading twice reads nothing new.
    expect((await api(server, "POST", `/api/v1/orders/${id}/messages/read`, { token: rita })).body).toMatchObject({ read: 2 });
    expect((await api(server, "POST", `/api/v1/orders/${id}/messages/read`, { token: rita })).body).toMatchObject({ read: 0 });
    expect((await api(server, "POST", `/api/v1/orders/${id}/messages/read`, { token: bruno })).status).toBe(404);

    // Answering means having read: alice's reply leaves her nothing unread and gives marc one.
    await post(marc, id, { body: "Troisième" });
    await post(alice, id, { body: "Oui, avant 10 h." });
    expect(await db.chatUnread.findFirst({ where: { orderId: id, user: { email: "alice@brasserie.test" } } })).toBeNull();
    expect(await db.chatUnread.findFirst({ where: { orderId: id, user: { email: "marc@martin.test" } } })).toMatchObject({ count: 1 });
  });

  it("shows the per-order count in the order list and the total in the navigation, both in the user's language", async () => {
    const one = await newOrder();
    const two = await newOrder();
    await post(marc, one, { body: "A" });
    await post(marc, one, { body: "B" });
    await post(marc, two, { body: "C" });
    const sam = await new PageClient(server).login("sam@brasserie.test");
    const layout = await sam.data(`/o/${BRASSERIE}/orders`, "routes/o.$org");
    const list = await sam.data(`/o/${BRASSERIE}/orders`, "routes/o.$org.orders._index");
    expect(list.body.unread[one]).toBe(2);
    expect(list.body.unread[two]).toBe(1);
    const total = Object.values(list.body.unread as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(layout.body.unreadMessages).toBeGreaterThanOrEqual(3);
    expect(layout.body.unreadMessages).toBeGreaterThanOrEqual(total);
    const html = (await (await sam.download(`/o/${BRASSERIE}/orders`, EN)).text()).replace(/<!-- -->/g, "");
    expect(html).toContain("2 unread messages");
    expect(html).toContain("1 unread message<");
    const before = layout.body.unreadMessages;
    await sam.get(`/o/${BRASSERIE}/orders/${one}?tab=messages`);
    expect((await sam.data(`/o/${BRASSERIE}/orders`, "routes/o.$org")).body.unreadMessages).toBe(before - 2);
    // Another organization of the same user would not count these: the count follows the active one.
    const french = await new PageClient(server).login("marc@martin.test");
    await post(alice, one, { body: "Réponse" });
    const fr = (await french.get(`/o/${MARTIN}/orders`)).html.replace(/<!-- -->/g, "");
    expect(fr).toMatch(/\d+ messages? non lus?/);
  });
});

describe("the page without JavaScript", () => {
  it("posts a plain form and comes back to the Messages tab with the message and a toast", async () => {
    const id = await newOrder();
    const sophie = await new PageClient(server).login("sophie@martin.test");
    const res = await sophie.post(`/o/${MARTIN}/orders/${id}/messages`, { body: "Livraison reçue, merci !" }, EN);
    expect(res.status).toBe(302);
    expect(res.location).toMatch(new RegExp(`/o/${MARTIN}/orders/${id}\\?tab=messages#m-`));
    const page = await sophie.get(res.location!);
    expect(page.html).toContain("Livraison reçue, merci !");
    expect(page.html).toContain("Message sent");
  });

  it("answers 400 with the reason in the user's language and what was typed, for empty and over-long messages", async () => {
    const id = await newOrder();
    const sophie = await new PageClient(server).login("sophie@martin.test");
    const empty = await sophie.post(`/o/${MARTIN}/orders/${id}/messages`, { body: "  " }, FR);
    expect(empty.status).toBe(400);
    expect(empty.html).toContain("Écrivez un message (ou joignez un fichier).");
    const long = "z".repeat(4_001);
    const tooLong = await sophie.post(`/o/${MARTIN}/orders/${id}/messages`, { body: long }, EN);
    expect(tooLong.status).toBe(400);
    expect(tooLong.html).toContain("A message has 4,000 characters at most.");
    expect(tooLong.html).toContain(long);
    expect(await getDb().chatMessage.count({ where: { orderId: id } })).toBe(0);
  });

  it("answers 404 to a user whose organization has no part in the order", async () => {
    const brunoPage = await new PageClient(server).login("bruno@aurore.test");
    const res = await brunoPage.post(`/o/boulangerie-aurore/orders/${orderId}/messages`, { body: "Intrus" });
    expect(res.status).toBe(404);
    expect((await brunoPage.get(`/o/boulangerie-aurore/orders/${orderId}/messages`)).status).toBe(404);
  });
});

describe("attachments", () => {
  it("sends a PDF and an image with a message, served to the parties behind the same check", async () => {
    const id = await newOrder();
    const page = await new PageClient(server).login("marc@martin.test");
    const form = new FormData();
    form.set("body", "Le bon de livraison signé");
    form.set("file", new Blob([PDF], { type: "application/pdf" }), "bon.pdf");
    const res = await page.postMultipart(`/o/${MARTIN}/orders/${id}/messages`, form, EN);
    expect(res.status).toBe(302);
    const list = await api(server, "GET", `/api/v1/orders/${id}/messages`, { token: alice });
    const [message] = list.body.messages;
    expect(message.attachments).toEqual([{ id: expect.any(String), filename: "bon.pdf", contentType: "application/pdf", sizeBytes: PDF.byteLength }]);
    const attachmentId = message.attachments[0].id;

    const download = await fetch(`${server.baseUrl}/api/v1/orders/${id}/attachments/${attachmentId}`, { headers: { Authorization: `Bearer ${alice}` } });
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("application/pdf");
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(PDF);
    const alicePage = await new PageClient(server).login("alice@brasserie.test");
    expect((await alicePage.download(`/o/${BRASSERIE}/orders/${id}/attachments/${attachmentId}`)).status).toBe(200);

    // Another tenant: 404 by the API and the page, even with a valid order of its own in the URL.
    expect((await api(server, "GET", `/api/v1/orders/${id}/attachments/${attachmentId}`, { token: bruno })).status).toBe(404);
    const brunoPage = await new PageClient(server).login("bruno@aurore.test");
    expect((await brunoPage.download(`/o/boulangerie-aurore/orders/${id}/attachments/${attachmentId}`)).status).toBe(404);

    // An image through the API's multipart form, with no text; shown in the conversation.
    const apiForm = new FormData();
    apiForm.set("file", new Blob([PNG]), "photo-casse.png");
    const image = await fetch(`${server.baseUrl}/api/v1/orders/${id}/messages`, { method: "POST", headers: { Authorization: `Bearer ${marc}` }, body: apiForm });
    expect(image.status).toBe(201);
    const imageMessage = await image.json();
    expect(imageMessage).toMatchObject({ body: "", attachments: [{ filename: "photo-casse.png", contentType: "image/png" }] });
    const html = (await alicePage.get(`/o/${BRASSERIE}/orders/${id}?tab=messages`)).html;
    expect(html).toContain(`<img src="/o/${BRASSERIE}/orders/${id}/attachments/${imageMessage.attachments[0].id}" alt="photo-casse.png"`);
  });

  it("checks the file by its content and its size: a text file named .pdf and 10 MB + 1 byte are refused, nothing stored", async () => {
    const id = await newOrder();
    const page = await new PageClient(server).login("marc@martin.test");
    const fake = new FormData();
    fake.set("body", "voici");
    fake.set("file", new Blob(["just text"], { type: "application/pdf" }), "facture.pdf");
    const refused = await page.postMultipart(`/o/${MARTIN}/orders/${id}/messages`, fake, EN);
    expect(refused.status).toBe(400);
    expect(refused.html).toContain("Only PDF, PNG, JPEG and WebP files can be sent");
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(PDF);
    const large = new FormData();
    large.set("file", new Blob([big]), "gros.pdf");
    const tooLarge = await fetch(`${server.baseUrl}/api/v1/orders/${id}/messages`, { method: "POST", headers: { Authorization: `Bearer ${marc}` }, body: large });
    expect(tooLarge.status).toBe(400);
    expect((await tooLarge.json()).error.details.fields.file).toBe("The file is larger than 10 MB.");
    expect(await getDb().chatMessage.count({ where: { orderId: id } })).toBe(0);
  });
});

describe("OpenAPI", () => {
  it("describes the chat routes", async () => {
    const doc = await api(server, "GET", "/api/v1/openapi.json");
    expect(doc.body.paths["/api/v1/orders/{id}/messages"].post.responses["201"]).toBeTruthy();
    expect(doc.body.paths["/api/v1/orders/{id}/messages"].get).toBeTruthy();
    expect(doc.body.paths["/api/v1/orders/{id}/messages/read"].post).toBeTruthy();
    expect(doc.body.paths["/api/v1/orders/{id}/attachments/{attachmentId}"].get).toBeTruthy();
  });
});
