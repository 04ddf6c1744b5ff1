// A foreign id always answers 404, never another tenant's data: every page loader, every form action
// that takes an id, and every API route, walked with ids that belong to other tenants.
// A route added without a probe here fails the "every route is covered" checks below.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { issueApiToken } from "~/modules/api-token/api-token.server";
import { loadActor } from "~/modules/org/access.server";
import { getDb } from "~/utils/db.server";
import { createCustomerGroup } from "../factories";
import { insertCreditNote, insertInvoice } from "../setup/insert-invoice";
import { insertOrder } from "../setup/insert-order";
import { api, apiToken, PageClient, useTestServer, type TestServer } from "../setup/http";

const OWN_ORG = "brasserie-du-pont"; // alice is its OWNER
const FOREIGN_ORG = "boulangerie-aurore"; // alice is not a member

type Foreign = {
  orgId: string;
  productId: string;
  formatId: string;
  taxRateId: string;
  groupId: string;
  relationId: string;
  membershipId: string;
  invitationId: string;
  tokenId: string;
  orderId: string;
  documentId: string;
  invoiceId: string;
  creditNoteId: string;
  exportId: string;
  attachmentId: string;
};
let foreign: Foreign;
let ownRelationId: string;
let foreignCustomerId: string; // Bistro de la Gare: a customer of the other tenant, never of alice's brasserie
let ownProductId: string;
let server: TestServer;
let alice: PageClient;
let marc: PageClient; // OWNER of a retailer: answers relations

beforeAll(async () => {
  server = await useTestServer();
  const db = getDb();
  const aurore = await db.organization.findUniqueOrThrow({ where: { slug: FOREIGN_ORG } });
  const bistro = await db.organization.findUniqueOrThrow({ where: { slug: "bistro-gare" } });
  const bruno = await db.user.findUniqueOrThrow({ where: { email: "bruno@aurore.test" } });
  const product = await db.product.findFirstOrThrow({ where: { producerId: aurore.id }, include: { formats: true } });
  const taxRate = await db.taxRate.findFirstOrThrow({ where: { producerId: aurore.id } });
  const group = await createCustomerGroup(aurore.id, "Hôtels", 300);
  const relation = await db.relation.findFirstOrThrow({ where: { producerId: aurore.id, partnerId: bistro.id } });
  const membership = await db.membership.findFirstOrThrow({ where: { organizationId: aurore.id, userId: bruno.id } });
  const invitation = await db.memberInvitation.create({
    data: { organizationId: aurore.id, email: "someone@aurore.test", role: "STAFF", tokenHash: "x".repeat(64), invitedById: bruno.id, expiresAt: new Date(Date.now() + 86_400_000) },
  });
  const token = await issueApiToken(await loadActor(bruno, FOREIGN_ORG), "bruno's integration");
  const order = await insertOrder({ seller: FOREIGN_ORG, buyer: "bistro-gare", createdBy: "gaston@gare.test", lines: [{ description: "Baguette", quantity: 10, unitPrice4: 1_0500 }] });
  const document = await db.orderDocument.create({
    data: { orderId: order.id, kind: "UPLOAD", filename: "aurore.pdf", contentType: "application/pdf", sizeBytes: 1, storageKey: `${order.id}/x`, uploadedById: bruno.id, uploadedByOrgId: aurore.id },
  });
  // An invoiced order of the other tenant (another one: the order above must stay PENDING), its credit
  // note, and a bulk export of its owner.
  const invoicedOrder = await insertOrder({
    seller: FOREIGN_ORG,
    buyer: "bistro-gare",
    createdBy: "gaston@gare.test",
    status: "DELIVERED",
    lines: [{ description: "Croissant", quantity: 20, unitPrice4: 1_2000, taxRateBps: 550 }],
  });
  const invoice = await insertInvoice(invoicedOrder);
  const creditNote = await insertCreditNote(invoice.id, { amountCents: 100, note: "Geste" });
  const documentExport = await db.documentExport.create({
    data: { orgId: aurore.id, userId: bruno.id, filters: "{}", status: "DONE", total: 1, done: 1, storageKey: "none.zip", sizeBytes: 1, expiresAt: new Date(Date.now() + 86_400_000) },
  });
  const gaston = await db.user.findUniqueOrThrow({ where: { email: "gaston@gare.test" } });
  const chatMessage = await db.chatMessage.create({
    data: {
      orderId: order.id,
      authorId: gaston.id,
      authorOrgId: bistro.id,
      authorOrgName: bistro.name,
      body: "Secret de Gaston",
      attachments: { create: { orderId: order.id, filename: "gaston.pdf", contentType: "application/pdf", sizeBytes: 1, storageKey: `${order.id}/x` } },
    },
    include: { attachments: true },
  });
  foreign = {
    orgId: aurore.id,
    productId: product.id,
    formatId: product.formats[0].id,
    taxRateId: taxRate.id,
    groupId: group.id,
    relationId: relation.id,
    membershipId: membership.id,
    invitationId: invitation.id,
    tokenId: token.id,
    orderId: order.id,
    documentId: document.id,
    invoiceId: invoice.id,
    creditNoteId: creditNote.id,
    exportId: documentExport.id,
    attachmentId: chatMessage.attachments[0].id,
  };
  const brasserie = await db.organization.findUniqueOrThrow({ where: { slug: OWN_ORG } });
  ownRelationId = (await db.relation.findFirstOrThrow({ where: { producerId: brasserie.id, kind: "RETAIL" } })).id;
  ownProductId = (await db.product.findFirstOrThrow({ where: { producerId: brasserie.id } })).id;
  foreignCustomerId = bistro.id;
  alice = await new PageClient(server).login("alice@brasserie.test");
  marc = await new PageClient(server).login("marc@martin.test");
});

const routeFiles = fs.readdirSync(path.resolve("app/routes")).map((f) => f.replace(/\.tsx?$/, ""));

/** Route params → an id of another tenant that alice may not see. */
function foreignParam(name: string): string {
  const map: Record<string, string> = {
    org: OWN_ORG,
    productId: foreign.productId,
    producerId: foreign.orgId,
    relationId: foreign.relationId,
    orderId: foreign.orderId,
    documentId: foreign.documentId,
    invoiceId: foreign.invoiceId,
    creditNoteId: foreign.creditNoteId,
    exportId: foreign.exportId,
    attachmentId: foreign.attachmentId,
    // Another tenant's organization: never a customer of alice's brasserie.
    customerId: foreign.orgId,
    // A date is no tenant's: the routes with only a date and the organization are walked above.
    date: "2099-01-05",
  };
  if (!(name in map)) throw new Error(`No foreign id for route param $${name}: add one to tenant-isolation.test.ts`);
  return map[name];
}

function urlOf(file: string, org: string): string {
  return (
    "/" +
    file
      .replace(/\[\.\]/g, "\u0000")
      .split(".")
      .filter((s) => s !== "_index")
      .map((s) => s.replace(/_$/, "")) // `$orderId_.documents`: a segment that opts out of its parent's layout
      .map((s) => (s === "$org" ? org : s.startsWith("$") ? foreignParam(s.slice(1)) : s))
      .join("/")
      .replace(/\u0000/g, ".")
  );
}

const orgRoutes = routeFiles.filter((f) => f.startsWith("o.$org"));

describe("pages of an organization the user is not a member of", () => {
  it.each(orgRoutes)("%s answers 404", async (file) => {
    const url = urlOf(file, FOREIGN_ORG);
    const isResource = file.includes("[.]");
    const res = isResource ? await alice.get(url) : await alice.data(url, `routes/${file}`);
    expect(res.status, url).toBe(404);
  });
});

describe("pages of the user's own organization with another tenant's ids", () => {
  const withIds = orgRoutes.filter((f) => f.split(".").some((s) => s.startsWith("$") && s !== "$org" && s !== "$date"));
  it("covers every route with an id", () => {
    expect(withIds.length).toBeGreaterThanOrEqual(3);
  });
  it.each(withIds)("%s answers 404 and shows nothing of the other tenant", async (file) => {
    const url = urlOf(file, OWN_ORG);
    const res = await alice.data(url, `routes/${file}`);
    expect(res.status, url).toBe(404);
    expect(JSON.stringify(res.body)).not.toContain("Boulangerie Aurore");
  });
});

describe("form actions posting another tenant's ids", () => {
  const base = `/o/${OWN_ORG}`;
  const probes: [string, () => [string, Record<string, string>, PageClient?]][] = [
    ["change the role of a foreign member", () => [`${base}/members`, { intent: "update-role", id: foreign.membershipId, role: "STAFF" }]],
    ["remove a foreign member", () => [`${base}/members`, { intent: "remove", id: foreign.membershipId }]],
    ["withdraw a foreign invitation", () => [`${base}/members`, { intent: "revoke-invitation", id: foreign.invitationId }]],
    ["revoke a foreign API token", () => [`${base}/api-tokens`, { intent: "revoke", id: foreign.tokenId }]],
    ["accept a foreign relation", () => ["/o/epicerie-martin/relations", { intent: "accept", relationId: foreign.relationId }, marc]],
    ["decline a foreign relation", () => ["/o/epicerie-martin/relations", { intent: "decline", relationId: foreign.relationId }, marc]],
    ["withdraw a foreign relation", () => [`${base}/relations`, { intent: "withdraw", relationId: foreign.relationId }]],
    ["end a foreign relation", () => [`${base}/relations/${foreign.relationId}`, { intent: "end" }]],
    ["give a customer a foreign customer group", () => [
      `${base}/relations/${ownRelationId}`,
      { intent: "settings", customerGroupId: foreign.groupId, paymentTermsDays: "30", defaultDistribution: "SELF", minOrder: "0" },
    ]],
    ["rename a foreign customer group", () => [`${base}/catalog/groups`, { intent: "update", id: foreign.groupId, name: "Pirates", discount: "90" }]],
    ["delete a foreign customer group", () => [`${base}/catalog/groups`, { intent: "delete", id: foreign.groupId }]],
    ["change a foreign tax rate", () => [`${base}/catalog/tax-rates`, { intent: "update", id: foreign.taxRateId, name: "Zéro", rate: "0" }]],
    ["delete a foreign tax rate", () => [`${base}/catalog/tax-rates`, { intent: "delete", id: foreign.taxRateId }]],
    ["deactivate a foreign format through an own product", () => [`${base}/catalog/products/${ownProductId}`, { intent: "deactivateFormat", formatId: foreign.formatId }]],
    ["record a payment for a foreign customer", () => [`${base}/receivables/${foreignCustomerId}`, { amount: "1,00", method: "CASH", reference: "PIRATE" }]],
    ["pay a foreign invoice online", () => ["/o/epicerie-martin/payables", { invoiceIds: foreign.invoiceId }, marc]],
    ["edit a foreign product", () => [`${base}/catalog/products/${foreign.productId}`, { intent: "product", name: "Pirate", sku: "PIR" }]],
    ["post in a foreign order's chat", () => [`${base}/orders/${foreign.orderId}/messages`, { body: "Pirate" }]],
    ["publish the invoice of a foreign order", () => [`${base}/orders/${foreign.orderId}`, { intent: "publish-invoice", version: "1" }]],
    ["record a payment on a foreign invoice", () => [`${base}/invoices/${foreign.invoiceId}`, { intent: "payment", amount: "1,00", method: "CASH", reference: "PIRATE" }]],
    ["credit a foreign invoice", () => [`${base}/invoices/${foreign.invoiceId}`, { intent: "credit-amount", amount: "1,00", note: "Pirate" }]],
    ["credit lines of a foreign invoice", () => [`${base}/invoices/${foreign.invoiceId}`, { intent: "credit-lines", [`credit.x`]: "1", note: "Pirate" }]],
    ["cancel a foreign invoice", () => [`${base}/invoices/${foreign.invoiceId}`, { intent: "cancel", reason: "Pirate" }]],
    ["delete a payment of a foreign invoice", () => [`${base}/invoices/${foreign.invoiceId}`, { intent: "delete-payment", paymentId: "x" }]],
    ["write a foreign customer's standing order", () => [`${base}/bakery/standing/${foreign.relationId}`, { intent: "standing", [`q.1.${foreign.formatId}`]: "5" }]],
    ["change a foreign customer's delivery calendar", () => [`${base}/bakery/standing/${foreign.relationId}`, { intent: "open-days", days: "1" }]],
    ["propose a standing order to a foreign bakery", () => ["/o/epicerie-martin/bakery/standing", { intent: "propose", relation: foreign.relationId, [`q.1.${foreign.formatId}`]: "5" }, marc]],
    ["enter a difference with a foreign bakery", () => ["/o/epicerie-martin/bakery/differences", { intent: "difference", producer: foreign.orgId, date: "2099-01-05", [`d.${foreign.formatId}`]: "5" }, marc]],
    ["pay a foreign invoice online from its page", () => [`/o/epicerie-martin/invoices/${foreign.invoiceId}`, { intent: "pay-online" }, marc]],
  ];

  it.each(probes)("%s → 404, nothing changed", async (_name, probe) => {
    const [url, fields, client = alice] = probe();
    const res = await client.post(url, fields);
    expect(res.status, url).toBe(404);
    const db = getDb();
    expect(await db.membership.findUnique({ where: { id: foreign.membershipId } })).toMatchObject({ role: "OWNER" });
    expect(await db.memberInvitation.findUnique({ where: { id: foreign.invitationId } })).toMatchObject({ revokedAt: null });
    expect(await db.apiToken.findUnique({ where: { id: foreign.tokenId } })).toMatchObject({ revokedAt: null });
    expect(await db.relation.findUnique({ where: { id: foreign.relationId } })).toMatchObject({ status: "ACTIVE" });
    expect(await db.customerGroup.findUnique({ where: { id: foreign.groupId } })).toMatchObject({ name: "Hôtels", discountBps: 300 });
    expect(await db.taxRate.findUnique({ where: { id: foreign.taxRateId } })).not.toBeNull();
    expect(await db.productFormat.findUnique({ where: { id: foreign.formatId } })).toMatchObject({ active: true });
    expect((await db.product.findUnique({ where: { id: foreign.productId } }))?.name).not.toBe("Pirate");
    expect(await db.payment.count({ where: { reference: "PIRATE" } })).toBe(0);
    expect(await db.checkoutSession.count({ where: { invoiceIds: { contains: foreign.invoiceId } } })).toBe(0);
    const own = await db.relation.findUnique({ where: { id: ownRelationId } });
    expect(own?.customerGroupId).not.toBe(foreign.groupId);
    expect(await db.chatMessage.count({ where: { orderId: foreign.orderId } })).toBe(1);
    await expectForeignInvoiceUntouched();
    expect(await db.standingOrderProposal.count({ where: { relationId: foreign.relationId, createdByName: { not: "Gaston" } } })).toBe(0);
    expect(await db.deliveryDifference.count({ where: { producerId: foreign.orgId, date: "2099-01-05" } })).toBe(0);
  });
});

/** A proposal of the other tenant's customer, waiting for its producer. */
async function foreignProposal() {
  const relation = await getDb().relation.findUniqueOrThrow({ where: { id: foreign.relationId } });
  return getDb().standingOrderProposal.create({
    data: { producerId: relation.producerId, relationId: relation.id, retailerId: relation.partnerId!, weekdays: "{}", createdById: (await getDb().user.findUniqueOrThrow({ where: { email: "gaston@gare.test" } })).id, createdByName: "Gaston" },
  });
}

/** A shop of the other tenant (the bakery), and one of its counter orders. */
async function foreignShop() {
  return getDb().shop.findFirstOrThrow({ where: { producerId: foreign.orgId } });
}

async function foreignShopOrder() {
  const db = getDb();
  const shop = await foreignShop();
  return (
    (await db.shopOrder.findFirst({ where: { shopId: shop.id, status: "OPEN" } })) ??
    db.shopOrder.create({ data: { producerId: foreign.orgId, shopId: shop.id, pickupDate: "2027-03-02", customerName: "Mme Aurore", totalCents: 0, balanceCents: 0, createdById: "seed" } })
  );
}

/** The foreign invoice is as it was: not cancelled, credited nor paid by a probe; the order not invoiced. */
async function expectForeignInvoiceUntouched() {
  const db = getDb();
  expect(await db.invoice.findUniqueOrThrow({ where: { id: foreign.invoiceId } })).toMatchObject({ status: "ISSUED", paidCents: 0, cancelledAt: null });
  expect(await db.creditNote.count({ where: { invoiceId: foreign.invoiceId } })).toBe(1);
  expect(await db.paymentAllocation.count({ where: { invoiceId: foreign.invoiceId } })).toBe(0);
  expect(await db.invoice.count({ where: { orderId: foreign.orderId } })).toBe(0);
}

describe("JSON API with another tenant's ids", () => {
  // Every API route file needs a probe here.
  const probes: Record<string, (tokens: { alice: string; marc: string }) => Promise<void>> = {
    "api.v1.catalog": async ({ alice: a, marc }) => {
      for (const token of [a, marc]) {
        const res = await api(server, "GET", `/api/v1/catalog?producer=${foreign.orgId}`, { token });
        expect(res.status).toBe(404);
        expect(res.body.error.code).toBe("not_found");
      }
    },
    "api.v1.relations": async ({ alice: a, marc }) => {
      for (const [token, slug] of [[a, OWN_ORG], [marc, "epicerie-martin"]] as const) {
        const res = await api(server, "GET", "/api/v1/relations", { token });
        expect(res.status).toBe(200);
        expect(res.body.relations.length).toBeGreaterThan(0);
        for (const r of res.body.relations) {
          expect([r.producer.slug, r.partner?.slug]).toContain(slug);
          expect(r.id).not.toBe(foreign.relationId);
        }
      }
    },
    "api.v1.me": async ({ alice: a }) => {
      const res = await api(server, "GET", "/api/v1/me", { token: a });
      expect(res.body.organization.slug).toBe(OWN_ORG);
    },
    "api.v1.auth.token": async () => {
      // A membership alice does not hold cannot be obtained with her password.
      const res = await api(server, "POST", "/api/v1/auth/token", {
        body: { email: "alice@brasserie.test", password: "comptoir-demo", organization: FOREIGN_ORG },
      });
      expect(res.status).toBe(401);
    },
    "api.v1.openapi[.]json": async () => {},
    "api.v1.orders.$id.purchase-order[.]pdf": async ({ alice: a, marc }) => {
      for (const token of [a, marc]) {
        const res = await api(server, "GET", `/api/v1/orders/${foreign.orderId}/purchase-order.pdf`, { token });
        expect(res.status).toBe(404);
        expect(res.body.error.code).toBe("not_found");
      }
    },
    "api.v1.invoices.$id.invoice[.]pdf": async ({ alice: a, marc }) => {
      for (const token of [a, marc]) {
        const res = await api(server, "GET", `/api/v1/invoices/${foreign.invoiceId}/invoice.pdf`, { token });
        expect(res.status).toBe(404);
        expect(res.body.error.code).toBe("not_found");
      }
    },
    "api.v1.credit-notes.$id.credit-note[.]pdf": async ({ alice: a, marc }) => {
      for (const token of [a, marc]) {
        const res = await api(server, "GET", `/api/v1/credit-notes/${foreign.creditNoteId}/credit-note.pdf`, { token });
        expect(res.status).toBe(404);
        expect(res.body.error.code).toBe("not_found");
      }
    },
    "api.v1.orders": async ({ alice: a, marc }) => {
      for (const token of [a, marc]) {
        const all = await api(server, "GET", "/api/v1/orders?limit=200", { token });
        expect(all.status).toBe(200);
        expect(all.body.orders.map((o: { id: string }) => o.id)).not.toContain(foreign.orderId);
        const filtered = await api(server, "GET", `/api/v1/orders?seller=${foreign.orgId}&q=${encodeURIComponent("Bistro")}`, { token });
        expect(filtered.body.orders).toEqual([]);
      }
      const body = { distribution: "SELF", deliveryDate: "2099-01-01", lines: [{ formatId: foreign.formatId, quantity: 1 }] };
      const asRetailer = await api(server, "POST", "/api/v1/orders", { token: marc, body: { ...body, seller: foreign.orgId } });
      expect(asRetailer.status).toBe(404);
      const bistro = await getDb().organization.findUniqueOrThrow({ where: { slug: "bistro-gare" } });
      const asProducer = await api(server, "POST", "/api/v1/orders", { token: a, body: { ...body, buyer: bistro.id } });
      expect(asProducer.status).toBe(404);
      await expectForeignOrderUntouched();
    },
    "api.v1.orders.$id": async ({ alice: a, marc }) => {
      for (const token of [a, marc]) {
        const read = await api(server, "GET", `/api/v1/orders/${foreign.orderId}`, { token });
        expect(read.status).toBe(404);
        expect(read.body.error.code).toBe("not_found");
        expect(JSON.stringify(read.body)).not.toContain("Boulangerie Aurore");
        const patch = await api(server, "PATCH", `/api/v1/orders/${foreign.orderId}`, { token, body: { version: 1, note: "Pirate" } });
        expect(patch.status).toBe(404);
      }
      await expectForeignOrderUntouched();
    },
    "api.v1.orders.$id.$action": async ({ alice: a, marc }) => {
      for (const token of [a, marc]) {
        for (const action of ["accept", "reject", "cancel", "ship", "deliver", "restore"]) {
          const res = await api(server, "POST", `/api/v1/orders/${foreign.orderId}/${action}`, { token, body: { version: 1 } });
          expect(res.status, action).toBe(404);
        }
      }
      await expectForeignOrderUntouched();
    },
    "api.v1.orders.$id.lock": async ({ alice: a, marc }) => {
      for (const token of [a, marc]) {
        expect((await api(server, "POST", `/api/v1/orders/${foreign.orderId}/lock`, { token })).status).toBe(404);
        expect((await api(server, "DELETE", `/api/v1/orders/${foreign.orderId}/lock`, { token })).status).toBe(404);
      }
      await expectForeignOrderUntouched();
    },
    "api.v1.orders.$id.history": async ({ alice: a, marc }) => {
      for (const token of [a, marc]) {
        const res = await api(server, "GET", `/api/v1/orders/${foreign.orderId}/history`, { token });
        expect(res.status).toBe(404);
        expect(JSON.stringify(res.body)).not.toContain("Gaston");
      }
    },
    "api.v1.orders.$id.messages": async ({ alice: a, marc }) => {
      for (const token of [a, marc]) {
        const read = await api(server, "GET", `/api/v1/orders/${foreign.orderId}/messages`, { token });
        expect(read.status).toBe(404);
        expect(JSON.stringify(read.body)).not.toContain("Secret de Gaston");
        expect((await api(server, "POST", `/api/v1/orders/${foreign.orderId}/messages`, { token, body: { body: "Pirate" } })).status).toBe(404);
      }
      expect(await getDb().chatMessage.count({ where: { orderId: foreign.orderId } })).toBe(1);
    },
    "api.v1.orders.$id.messages.read": async ({ alice: a, marc }) => {
      for (const token of [a, marc]) {
        expect((await api(server, "POST", `/api/v1/orders/${foreign.orderId}/messages/read`, { token })).status).toBe(404);
      }
      expect(await getDb().chatReceipt.count({ where: { message: { orderId: foreign.orderId } } })).toBe(0);
    },
    "api.v1.orders.$id.attachments.$attachmentId": async ({ alice: a, marc }) => {
      for (const token of [a, marc]) {
        const res = await api(server, "GET", `/api/v1/orders/${foreign.orderId}/attachments/${foreign.attachmentId}`, { token });
        expect(res.status).toBe(404);
      }
      // An own order's id in the URL does not open another order's file.
      const own = await getDb().order.findFirstOrThrow({ where: { seller: { slug: OWN_ORG } } });
      expect((await api(server, "GET", `/api/v1/orders/${own.id}/attachments/${foreign.attachmentId}`, { token: a })).status).toBe(404);
    },
    "api.v1.orders.export[.]csv": async ({ alice: a, marc }) => {
      for (const token of [a, marc]) {
        const all = await api(server, "GET", "/api/v1/orders/export.csv", { token });
        expect(all.status).toBe(200);
        expect(all.body).not.toContain("Bistro de la Gare");
        const filtered = await api(server, "GET", `/api/v1/orders/export.csv?seller=${foreign.orgId}`, { token });
        expect(filtered.body.trim().split("\r\n")).toHaveLength(1); // the header only
      }
    },
    "api.v1.orders.$id.invoice": async ({ alice: a, marc }) => {
      for (const token of [a, marc]) {
        const res = await api(server, "POST", `/api/v1/orders/${foreign.orderId}/invoice`, { token, body: { version: 1 } });
        expect(res.status).toBe(404);
      }
      await expectForeignOrderUntouched();
      await expectForeignInvoiceUntouched();
    },
    "api.v1.invoices.$id": async ({ alice: a, marc }) => {
      for (const token of [a, marc]) {
        const res = await api(server, "GET", `/api/v1/invoices/${foreign.invoiceId}`, { token });
        expect(res.status).toBe(404);
        expect(JSON.stringify(res.body)).not.toContain("Boulangerie Aurore");
      }
    },
    "api.v1.invoices.$id.cancel": async ({ alice: a }) => {
      expect((await api(server, "POST", `/api/v1/invoices/${foreign.invoiceId}/cancel`, { token: a, body: {} })).status).toBe(404);
      await expectForeignInvoiceUntouched();
    },
    "api.v1.invoices.$id.credit-notes": async ({ alice: a, marc }) => {
      expect((await api(server, "POST", `/api/v1/invoices/${foreign.invoiceId}/credit-notes`, { token: a, body: { amountCents: 1, note: "Pirate" } })).status).toBe(404);
      // A retailer never issues credit notes: refused before any lookup.
      expect((await api(server, "POST", `/api/v1/invoices/${foreign.invoiceId}/credit-notes`, { token: marc, body: { amountCents: 1, note: "Pirate" } })).status).toBe(403);
      await expectForeignInvoiceUntouched();
    },
    "api.v1.invoices.$id.payments": async ({ alice: a, marc }) => {
      expect((await api(server, "POST", `/api/v1/invoices/${foreign.invoiceId}/payments`, { token: a, body: { amountCents: 1, method: "CASH", reference: "PIRATE" } })).status).toBe(404);
      expect((await api(server, "POST", `/api/v1/invoices/${foreign.invoiceId}/payments`, { token: marc, body: { amountCents: 1, method: "CASH" } })).status).toBe(403);
      await expectForeignInvoiceUntouched();
    },
    "api.v1.invoices.$id.checkout": async ({ alice: a, marc }) => {
      const res = await api(server, "POST", `/api/v1/invoices/${foreign.invoiceId}/checkout`, { token: marc });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe("not_found");
      // The seller side may never pay: refused before any lookup, so the answer says nothing of the id.
      expect((await api(server, "POST", `/api/v1/invoices/${foreign.invoiceId}/checkout`, { token: a })).status).toBe(403);
      expect(await getDb().checkoutSession.count({ where: { invoiceIds: { contains: foreign.invoiceId } } })).toBe(0);
    },
    "api.v1.webhooks.stripe": async () => {
      // No tenant and no token: only a payload signed with the webhook secret is read at all.
      const res = await api(server, "POST", "/api/v1/webhooks/stripe", { rawBody: JSON.stringify({ id: "evt_pirate", type: "checkout.session.completed", data: { object: {} } }) });
      expect(res.status).toBe(400);
      expect(await getDb().stripeEvent.count({ where: { id: "evt_pirate" } })).toBe(0);
    },
    "api.v1.receivables": async ({ alice: a, marc }) => {
      for (const query of [`customer=${foreignCustomerId}`, `customer=${foreign.orgId}`]) {
        const res = await api(server, "GET", `/api/v1/receivables?${query}`, { token: a });
        expect(res.status, query).toBe(404);
        expect(JSON.stringify(res.body)).not.toContain("Bistro");
      }
      const payables = await api(server, "GET", `/api/v1/receivables?supplier=${foreign.orgId}`, { token: marc });
      expect(payables.status).toBe(404);
      expect(JSON.stringify(payables.body)).not.toContain("Boulangerie Aurore");
    },
    "api.v1.standing-orders": async ({ alice: a, marc }) => {
      for (const token of [a, marc]) {
        expect((await api(server, "GET", `/api/v1/standing-orders?relation=${foreign.relationId}`, { token })).status).toBe(404);
        expect((await api(server, "PUT", `/api/v1/standing-orders?relation=${foreign.relationId}`, { token, body: { weekdays: {} } })).status).toBe(404);
      }
      expect(await getDb().standingOrder.count({ where: { relationId: foreign.relationId, createdByName: "Alice" } })).toBe(0);
    },
    "api.v1.standing-orders.proposals": async ({ alice: a, marc }) => {
      expect((await api(server, "POST", "/api/v1/standing-orders/proposals", { token: marc, body: { relation: foreign.relationId, weekdays: {} } })).status).toBe(404);
      for (const token of [a, marc]) {
        const res = await api(server, "GET", `/api/v1/standing-orders/proposals?relation=${foreign.relationId}`, { token });
        expect(res.body.proposals).toEqual([]);
      }
    },
    "api.v1.standing-orders.proposals.$id.accept": async ({ alice: a }) => {
      const proposal = await foreignProposal();
      expect((await api(server, "POST", `/api/v1/standing-orders/proposals/${proposal.id}/accept`, { token: a, body: {} })).status).toBe(404);
      expect((await getDb().standingOrderProposal.findUniqueOrThrow({ where: { id: proposal.id } })).status).toBe("PROPOSED");
    },
    "api.v1.standing-orders.proposals.$id.reject": async ({ alice: a }) => {
      const proposal = await foreignProposal();
      expect((await api(server, "POST", `/api/v1/standing-orders/proposals/${proposal.id}/reject`, { token: a, body: { reason: "Pirate" } })).status).toBe(404);
      expect((await getDb().standingOrderProposal.findUniqueOrThrow({ where: { id: proposal.id } })).status).toBe("PROPOSED");
    },
    "api.v1.relations.$id.calendar": async ({ alice: a, marc }) => {
      const before = await getDb().relation.findUniqueOrThrow({ where: { id: foreign.relationId } });
      for (const token of [a, marc]) {
        expect((await api(server, "GET", `/api/v1/relations/${foreign.relationId}/calendar`, { token })).status).toBe(404);
        expect((await api(server, "PUT", `/api/v1/relations/${foreign.relationId}/calendar`, { token, body: { openWeekdays: [1], closures: [] } })).status).toBe(404);
      }
      expect((await getDb().relation.findUniqueOrThrow({ where: { id: foreign.relationId } })).openWeekdays).toBe(before.openWeekdays);
    },
    "api.v1.bakery.closures": async ({ alice: a, marc }) => {
      const own = await api(server, "GET", "/api/v1/bakery/closures", { token: a });
      expect(own.body.closures).toEqual([]);
      expect((await api(server, "GET", "/api/v1/bakery/closures", { token: marc })).status).toBe(403);
    },
    "api.v1.bakery.products.$id.planning": async ({ alice: a }) => {
      expect((await api(server, "GET", `/api/v1/bakery/products/${foreign.productId}/planning`, { token: a })).status).toBe(404);
      expect((await api(server, "PUT", `/api/v1/bakery/products/${foreign.productId}/planning`, { token: a, body: { weekdays: [1] } })).status).toBe(404);
      expect((await getDb().product.findUniqueOrThrow({ where: { id: foreign.productId } })).productionWeekdays).not.toBe("1");
    },
    "api.v1.deliveries.$date": async ({ alice: a, marc }) => {
      for (const token of [a, marc]) {
        const res = await api(server, "GET", `/api/v1/deliveries/2099-01-05?producer=${foreign.orgId}`, { token });
        expect(res.status).toBe(404);
        expect(JSON.stringify(res.body)).not.toContain("Bistro");
      }
    },
    "api.v1.deliveries.$date.differences": async ({ alice: a, marc }) => {
      const body = { producer: foreign.orgId, lines: [{ formatId: foreign.formatId, delta: 1 }] };
      expect((await api(server, "POST", "/api/v1/deliveries/2099-01-05/differences", { token: marc, body })).status).toBe(404);
      for (const token of [a, marc]) expect((await api(server, "GET", `/api/v1/deliveries/2099-01-05/differences?producer=${foreign.orgId}`, { token })).status).toBe(404);
      expect(await getDb().deliveryDifference.count({ where: { producerId: foreign.orgId, date: "2099-01-05" } })).toBe(0);
    },
    "api.v1.intake.$date": async ({ alice: a, marc }) => {
      const board = await api(server, "GET", "/api/v1/intake/2099-01-05", { token: a });
      expect(JSON.stringify(board.body)).not.toContain("Bistro");
      await api(server, "POST", "/api/v1/intake/2099-01-05", { token: a, body: { orderIds: [foreign.orderId] } });
      expect((await api(server, "GET", "/api/v1/intake/2099-01-05", { token: marc })).status).toBe(403);
      await expectForeignOrderUntouched();
    },
    "api.v1.intake.$date.conflicts.$customerId": async ({ alice: a }) => {
      const order = await getDb().order.findUniqueOrThrow({ where: { id: foreign.orderId } });
      const res = await api(server, "POST", `/api/v1/intake/${order.deliveryDate}/conflicts/${foreignCustomerId}`, { token: a, body: { keepOrderId: foreign.orderId } });
      expect([404, 409]).toContain(res.status);
      await expectForeignOrderUntouched();
    },
    "api.v1.intake.$date.validate": async ({ alice: a, marc }) => {
      const before = await getDb().deliveryDay.count({ where: { producerId: foreign.orgId } });
      await api(server, "POST", "/api/v1/intake/2099-01-05/validate", { token: a });
      expect((await api(server, "POST", "/api/v1/intake/2099-01-06/validate", { token: marc })).status).toBe(403);
      expect(await getDb().deliveryDay.count({ where: { producerId: foreign.orgId } })).toBe(before);
      await expectForeignOrderUntouched();
    },
    "api.v1.deliveries.history": async ({ alice: a, marc }) => {
      expect((await api(server, "GET", `/api/v1/deliveries/history?producer=${foreign.orgId}`, { token: marc })).status).toBe(404);
      const res = await api(server, "GET", `/api/v1/deliveries/history?customer=${foreignCustomerId}`, { token: a });
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain("Bistro");
    },
    "api.v1.deliveries.history.rebuild": async ({ alice: a, marc }) => {
      const before = await getDb().deliveryHistory.findMany({ where: { producerId: foreign.orgId }, orderBy: { id: "asc" } });
      expect((await api(server, "POST", "/api/v1/deliveries/history/rebuild", { token: marc, body: { producer: foreign.orgId } })).status).toBe(404);
      expect((await api(server, "POST", "/api/v1/deliveries/history/rebuild", { token: a, body: { customer: foreignCustomerId } })).status).toBe(404);
      expect(await getDb().deliveryHistory.findMany({ where: { producerId: foreign.orgId }, orderBy: { id: "asc" } })).toEqual(before);
    },
    // The bakery's production part: alice's brasserie runs no bakery (404 for every route), marc's grocery is a retailer (403).
    "api.v1.shops": async ({ alice: a, marc }) => {
      expect((await api(server, "GET", "/api/v1/shops", { token: a })).status).toBe(404);
      expect((await api(server, "POST", "/api/v1/shops", { token: a, body: { name: "Pirate" } })).status).toBe(404);
      expect((await api(server, "GET", "/api/v1/shops", { token: marc })).status).toBe(403);
    },
    "api.v1.shop-orders": async ({ alice: a, marc }) => {
      const shop = await foreignShop();
      const body = { shop: shop.id, pickupDate: "2027-03-02", customerName: "Pirate", lines: [{ formatId: foreign.formatId, quantity: 1 }] };
      for (const token of [a, marc]) {
        expect([403, 404]).toContain((await api(server, "POST", "/api/v1/shop-orders", { token, body })).status);
        const list = await api(server, "GET", `/api/v1/shop-orders?shop=${shop.id}`, { token });
        expect([403, 404]).toContain(list.status);
        expect(JSON.stringify(list.body)).not.toContain(shop.name);
      }
      expect(await getDb().shopOrder.count({ where: { customerName: "Pirate" } })).toBe(0);
    },
    "api.v1.shop-orders.$id.$action": async ({ alice: a, marc }) => {
      const order = await foreignShopOrder();
      expect((await api(server, "POST", `/api/v1/shop-orders/${order.id}/pickup`, { token: a })).status).toBe(404);
      expect((await api(server, "POST", `/api/v1/shop-orders/${order.id}/cancel`, { token: marc })).status).toBe(403);
      expect((await getDb().shopOrder.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("OPEN");
    },
    "api.v1.leftovers.$date": async ({ alice: a, marc }) => {
      const shop = await foreignShop();
      for (const token of [a, marc]) {
        expect([403, 404]).toContain((await api(server, "GET", `/api/v1/leftovers/2027-03-01?shop=${shop.id}`, { token })).status);
        expect([403, 404]).toContain((await api(server, "PUT", `/api/v1/leftovers/2027-03-01`, { token, body: { shop: shop.id, lines: [{ formatId: foreign.formatId, quantity: 999 }] } })).status);
      }
      expect(await getDb().leftover.count({ where: { quantity: 999 } })).toBe(0);
    },
    "api.v1.production.$date": async ({ alice: a, marc }) => {
      expect((await api(server, "GET", "/api/v1/production/2027-03-02", { token: a })).status).toBe(404);
      expect((await api(server, "GET", "/api/v1/production/2027-03-02", { token: marc })).status).toBe(403);
    },
    "api.v1.production.$date.production[.]pdf": async ({ alice: a, marc }) => {
      expect((await api(server, "GET", "/api/v1/production/2027-03-02/production.pdf", { token: a })).status).toBe(404);
      expect((await api(server, "GET", "/api/v1/production/2027-03-02/production.pdf", { token: marc })).status).toBe(403);
    },
    "api.v1.delivery-notes.$date.$customerId.delivery-note[.]pdf": async ({ alice: a, marc }) => {
      expect((await api(server, "GET", `/api/v1/delivery-notes/2027-03-02/${foreignCustomerId}/delivery-note.pdf`, { token: a })).status).toBe(404);
      expect((await api(server, "GET", `/api/v1/delivery-notes/2027-03-02/${foreignCustomerId}/delivery-note.pdf`, { token: marc })).status).toBe(403);
    },
    "api.v1.delivery-notes.$date.all[.]pdf": async ({ alice: a, marc }) => {
      expect((await api(server, "GET", "/api/v1/delivery-notes/2027-03-02/all.pdf", { token: a })).status).toBe(404);
      expect((await api(server, "GET", "/api/v1/delivery-notes/2027-03-02/all.pdf", { token: marc })).status).toBe(403);
    },
    "api.v1.bakery.settings": async ({ alice: a, marc }) => {
      expect((await api(server, "GET", "/api/v1/bakery/settings", { token: a })).status).toBe(404);
      expect((await api(server, "GET", "/api/v1/bakery/settings", { token: marc })).status).toBe(403);
      expect((await api(server, "PUT", "/api/v1/bakery/settings", { token: marc, body: { slicingFee4: 1, unitPriceDecimals: 1, intakeRetentionDays: 1, leftoverOffsetDays: 1 } })).status).toBe(403);
    },
    "api.v1.$": async ({ alice: a }) => {
      expect((await api(server, "GET", `/api/v1/products/${foreign.productId}`, { token: a })).status).toBe(404);
    },
    "api.v1.invoicing.periods": async ({ alice: a, marc }) => {
      const res = await api(server, "GET", "/api/v1/invoicing/periods?period=MONTHLY", { token: a });
      expect(res.status).toBe(200);
      expect(res.body.customers.map((c: any) => c.relationId)).not.toContain(foreign.relationId);
      expect(JSON.stringify(res.body)).not.toContain("Bistro");
      expect((await api(server, "GET", "/api/v1/invoicing/periods", { token: marc })).status).toBe(403);
    },
    "api.v1.invoicing.periods.invoice": async ({ alice: a, marc }) => {
      const body = { relations: [foreign.relationId], from: "2000-01-01", to: "2100-12-31" };
      const res = await api(server, "POST", "/api/v1/invoicing/periods/invoice", { token: a, body });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ invoices: [], skipped: [{ relationId: foreign.relationId, customer: null, reason: "not_found" }] });
      expect((await api(server, "POST", "/api/v1/invoicing/periods/invoice", { token: marc, body })).status).toBe(403);
      await expectForeignInvoiceUntouched();
    },
    "api.v1.relations.$id.billing-period": async ({ alice: a, marc }) => {
      const before = await getDb().relation.findUniqueOrThrow({ where: { id: foreign.relationId } });
      expect((await api(server, "PUT", `/api/v1/relations/${foreign.relationId}/billing-period`, { token: a, body: { billingPeriod: "MONTHLY" } })).status).toBe(404);
      expect((await api(server, "PUT", `/api/v1/relations/${foreign.relationId}/billing-period`, { token: marc, body: { billingPeriod: "MONTHLY" } })).status).toBe(403);
      expect((await getDb().relation.findUniqueOrThrow({ where: { id: foreign.relationId } })).billingPeriod).toBe(before.billingPeriod);
    },
  };

  /** The foreign order is as it was: no probe changed, locked or moved it. */
  async function expectForeignOrderUntouched() {
    const order = await getDb().order.findUniqueOrThrow({ where: { id: foreign.orderId } });
    expect(order).toMatchObject({ status: "PENDING", version: 1, note: "", lockedById: null });
  }

  it("has a probe for every API route file", () => {
    const apiFiles = routeFiles.filter((f) => f.startsWith("api.v1."));
    expect(apiFiles.filter((f) => !(f in probes))).toEqual([]);
  });

  // One pair of tokens for every probe: token creation is rate-limited per user.
  let tokens: { alice: string; marc: string } | null = null;
  it.each(Object.keys(probes))("%s", async (file) => {
    tokens ??= {
      alice: await apiToken(server, "alice@brasserie.test", OWN_ORG),
      marc: await apiToken(server, "marc@martin.test", "epicerie-martin"),
    };
    await probes[file](tokens);
  });
});
