// Order event emails: who gets one (the parties other than the acting organization, by role), in which
// language, with what; written to the outbox in the caller's transaction.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { NOTIFIED_ROLES, notifyOrderEvent, type OrderEventNotification } from "~/modules/order/notifications.server";
import { getDb } from "~/utils/db.server";
import { formatCents } from "~/utils/money";
import { insertOrder } from "../setup/insert-order";
import { outboxTo } from "../setup/mail";

// Demo members: brasserie-du-pont alice OWNER, sam SALES, anna ACCOUNTANT; epicerie-martin marc OWNER,
// sophie STAFF; distribution-nord dan OWNER; agence-rep rita OWNER.
const SELLER_SIDE = ["alice@brasserie.test", "sam@brasserie.test"];
const BUYER = ["marc@martin.test", "sophie@martin.test"];
const REP = ["rita@rep.test"];
const DISTRIBUTOR = ["dan@nord.test"];
const EVERYONE = [...SELLER_SIDE, "anna@brasserie.test", ...BUYER, ...REP, ...DISTRIBUTOR];

// Counts the React Email renders (slow): none inside the caller's transaction — the outbox worker renders.
const renders = vi.hoisted(() => ({ count: 0 }));
vi.mock("@react-email/render", async (importOriginal) => {
  const original = await importOriginal<typeof import("@react-email/render")>();
  return {
    ...original,
    render: (...args: Parameters<typeof original.render>) => {
      renders.count++;
      return original.render(...args);
    },
  };
});

let order: Awaited<ReturnType<typeof insertOrder>>;
let orgIds: Record<string, string>;

beforeAll(async () => {
  const db = getDb();
  orgIds = Object.fromEntries((await db.organization.findMany()).map((o) => [o.slug, o.id]));
  order = await insertOrder({
    seller: "brasserie-du-pont",
    buyer: "epicerie-martin",
    rep: "agence-rep",
    distributor: "distribution-nord",
    createdBy: "marc@martin.test",
    deliveryDate: "2030-06-15",
    lines: [
      { description: "Blonde du Pont – Caisse de 24 × 33 cl", quantity: 10, unitPrice4: 42_0000, discountBps: 500, taxRateBps: 2000, depositCents: 600 },
      { description: "Limonade artisanale", quantity: 4, unitPrice4: 21_6000, taxRateBps: 550, depositCents: 480 },
    ],
  });
});

beforeEach(async () => {
  await getDb().outboxEmail.deleteMany();
});

async function notify(type: OrderEventNotification["type"], actorSlug: string) {
  await getDb().$transaction((tx) => notifyOrderEvent(tx, { type, orderId: order.id, actorOrgId: orgIds[actorSlug] }));
}

async function recipients(): Promise<string[]> {
  const rows = await getDb().outboxEmail.findMany();
  return rows.map((r) => r.to).sort();
}

describe("notifyOrderEvent", () => {
  it("documents the roles it notifies", () => {
    expect(NOTIFIED_ROLES.buyer).not.toContain("ACCOUNTANT");
    expect(NOTIFIED_ROLES.seller).not.toContain("ACCOUNTANT");
  });

  it("PLACED by the buyer: the seller's order people, the rep and the distributor — one email each, nothing to the buyer", async () => {
    await notify("PLACED", "epicerie-martin");
    expect(await recipients()).toEqual([...SELLER_SIDE, ...REP, ...DISTRIBUTOR].sort());
    const email = (await outboxTo("alice@brasserie.test"))[0];
    expect(email.subject).toBe(`Nouvelle commande n° ${order.number} : Épicerie Martin → Brasserie du Pont`);
    // The order's facts, the total in the seller's locale and currency, and a link in the recipient's organization.
    const total = formatCents(order.totalCents, "EUR", "fr-FR");
    for (const body of [email.text, email.html]) {
      expect(body).toContain("Brasserie du Pont");
      expect(body).toContain("Épicerie Martin");
      expect(body).toContain("15 juin 2030");
      expect(body).toContain(total);
      expect(body).toContain(`http://localhost:3000/o/brasserie-du-pont/orders/${order.id}`);
    }
    expect((await outboxTo("dan@nord.test"))[0].text).toContain(`http://localhost:3000/o/distribution-nord/orders/${order.id}`);
    expect((await outboxTo("rita@rep.test"))[0].text).toContain(`http://localhost:3000/o/agence-rep/orders/${order.id}`);
    expect(await outboxTo("anna@brasserie.test")).toHaveLength(0); // ACCOUNTANT: invoices, not order progress
  });

  it("PLACED by the rep on the buyer's behalf: the buyer is told too, the rep is not", async () => {
    await notify("PLACED", "agence-rep");
    expect(await recipients()).toEqual([...SELLER_SIDE, ...BUYER, ...DISTRIBUTOR].sort());
    expect((await outboxTo("marc@martin.test"))[0].text).toContain(`/o/epicerie-martin/orders/${order.id}`);
    expect((await outboxTo("marc@martin.test"))[0].text).toContain("Agence Rep a passé la commande");
  });

  it("ACCEPTED by the seller: the buyer, the rep and the distributor, not the seller", async () => {
    await notify("ACCEPTED", "brasserie-du-pont");
    expect(await recipients()).toEqual([...BUYER, ...REP, ...DISTRIBUTOR].sort());
    expect((await outboxTo("marc@martin.test"))[0].subject).toBe(`Commande n° ${order.number} (Brasserie du Pont) acceptée par Brasserie du Pont`);
  });

  it("REJECTED by the rep: the buyer, the seller and the distributor", async () => {
    await notify("REJECTED", "agence-rep");
    expect(await recipients()).toEqual([...BUYER, ...SELLER_SIDE, ...DISTRIBUTOR].sort());
  });

  it("SHIPPED by the distributor, DELIVERED by the buyer: everyone else", async () => {
    await notify("SHIPPED", "distribution-nord");
    expect(await recipients()).toEqual([...BUYER, ...SELLER_SIDE, ...REP].sort());
    await getDb().outboxEmail.deleteMany();
    await notify("DELIVERED", "epicerie-martin");
    expect(await recipients()).toEqual([...SELLER_SIDE, ...REP, ...DISTRIBUTOR].sort());
    const subject = (await outboxTo("alice@brasserie.test"))[0].subject;
    expect(subject).toBe(`Commande n° ${order.number} (Brasserie du Pont) livrée`);
  });

  it("writes each email in its recipient's language: the user's setting, else the organization's locale", async () => {
    const db = getDb();
    await db.user.update({ where: { email: "sam@brasserie.test" }, data: { locale: "en" } });
    await db.organization.update({ where: { slug: "distribution-nord" }, data: { locale: "en-GB" } });
    try {
      renders.count = 0;
      await notify("PLACED", "epicerie-martin");
      expect(renders.count).toBe(0); // nothing rendered while the transaction holds the write lock
      const sam = (await outboxTo("sam@brasserie.test"))[0];
      expect(sam.subject).toBe(`New order #${order.number}: Épicerie Martin → Brasserie du Pont`);
      expect(sam.text).toContain("June 15, 2030");
      expect(sam.text).toContain("See the order");
      // Money stays in the seller's locale whatever the reader's language.
      expect(sam.text).toContain(formatCents(order.totalCents, "EUR", "fr-FR"));
      expect(sam.html).toContain('lang="en"');
      const dan = (await outboxTo("dan@nord.test"))[0];
      expect(dan.subject).toMatch(/^New order #/);
      const alice = (await outboxTo("alice@brasserie.test"))[0];
      expect(alice.subject).toMatch(/^Nouvelle commande n°/);
      expect(alice.text).toContain("Voir la commande");
    } finally {
      await db.user.update({ where: { email: "sam@brasserie.test" }, data: { locale: null } });
      await db.organization.update({ where: { slug: "distribution-nord" }, data: { locale: "fr-FR" } });
    }
  });

  it("sends one email to a user who belongs to two parties", async () => {
    const db = getDb();
    const rita = await db.user.findUniqueOrThrow({ where: { email: "rita@rep.test" } });
    const membership = await db.membership.create({ data: { userId: rita.id, organizationId: orgIds["brasserie-du-pont"], role: "MANAGER" } });
    try {
      await notify("PLACED", "epicerie-martin");
      const emails = await outboxTo("rita@rep.test");
      expect(emails).toHaveLength(1);
      expect(emails[0].text).toContain(`/o/brasserie-du-pont/orders/${order.id}`); // the seller comes first
    } finally {
      await db.membership.delete({ where: { id: membership.id } });
    }
  });

  it("writes nothing when the caller's transaction fails", async () => {
    await expect(
      getDb().$transaction(async (tx) => {
        await notifyOrderEvent(tx, { type: "PLACED", orderId: order.id, actorOrgId: orgIds["epicerie-martin"] });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await recipients()).toEqual([]);
  });

  it("sends nothing to organizations that are not on the order", async () => {
    await notify("ACCEPTED", "brasserie-du-pont");
    const all = await recipients();
    expect(all.every((to) => EVERYONE.includes(to))).toBe(true);
    expect(all).not.toContain("bruno@aurore.test");
    expect(all).not.toContain("chloe@central.test");
  });
});
