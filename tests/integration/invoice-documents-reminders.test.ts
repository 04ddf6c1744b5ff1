// Overdue invoice reminders: the buyer's OWNER and ACCOUNTANT are reminded the first day an unpaid
// invoice is overdue, then every 7 days; a second run the same day sends nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { MAX_REMINDERS, sendOverdueReminders } from "~/modules/invoice/reminders.server";
import { getDb } from "~/utils/db.server";
import { formatCents } from "~/utils/money";
import { createUser } from "../factories";
import { insertInvoice, insertPayment } from "../setup/insert-invoice";
import { insertOrder } from "../setup/insert-order";
import { outboxTo } from "../setup/mail";

let invoice: Awaited<ReturnType<typeof insertInvoice>>;
let paid: Awaited<ReturnType<typeof insertInvoice>>;

/** Noon of a day in the server's time zone (month 1–12). */
const day = (year: number, month: number, date: number) => new Date(year, month - 1, date, 12);
const remindersOf = async (email: string, number: string) => (await outboxTo(email)).filter((e) => e.subject.includes(number));

beforeAll(async () => {
  const db = getDb();
  const olga = await createUser({ email: "olga@martin.test", name: "Olga Compta", locale: "en" });
  const martin = await db.organization.findUniqueOrThrow({ where: { slug: "epicerie-martin" } });
  await db.membership.create({ data: { userId: olga.id, organizationId: martin.id, role: "ACCOUNTANT" } });
  const order = (description: string) =>
    insertOrder({
      seller: "brasserie-du-pont",
      buyer: "epicerie-martin",
      createdBy: "marc@martin.test",
      status: "DELIVERED",
      lines: [{ description, quantity: 5, unitPrice4: 40_0000, taxRateBps: 2000 }],
    });
  // Issued on 1 October 2026 with 30 days: due on 31 October, overdue from 1 November.
  invoice = await insertInvoice(await order("Blonde"), { issuedAt: day(2026, 10, 1), paymentTermsDays: 30 });
  paid = await insertInvoice(await order("Ambrée"), { issuedAt: day(2026, 10, 1), paymentTermsDays: 30 });
  await insertPayment({ allocations: [{ invoiceId: invoice.id, amountCents: 5_000 }] });
  await insertPayment({ allocations: [{ invoiceId: paid.id, amountCents: paid.totalCents }] });
  await db.invoice.update({ where: { id: paid.id }, data: { status: "PAID", paidAt: day(2026, 10, 20) } });
  expect(invoice.dueDate).toBe("2026-10-31");
});

describe("sendOverdueReminders", () => {
  it("sends nothing on the due date itself", async () => {
    await sendOverdueReminders(day(2026, 10, 31));
    expect(await remindersOf("marc@martin.test", invoice.number)).toEqual([]);
  });

  it("reminds the buyer's OWNER and ACCOUNTANT on the first day overdue, in their language, with the balance", async () => {
    const run = await sendOverdueReminders(day(2026, 11, 1));
    expect(run.reminded).toBeGreaterThanOrEqual(1);
    const [toMarc] = await remindersOf("marc@martin.test", invoice.number);
    expect(toMarc.subject).toBe(`Rappel : la facture ${invoice.number} de Brasserie du Pont est échue`);
    const balance = formatCents(invoice.totalCents - 5_000, "EUR", "fr-FR").replace(/[\u00a0\u202f]/g, " ");
    const text = toMarc.text.replace(/[\u00a0\u202f]/g, " ");
    expect(text).toContain(`Il reste ${balance} à payer`);
    expect(text).toContain("31 octobre 2026, il y a 1 jour");
    const [toOlga] = await remindersOf("olga@martin.test", invoice.number);
    expect(toOlga.subject).toBe(`Reminder: invoice ${invoice.number} from Brasserie du Pont is overdue`);
    expect(await remindersOf("sophie@martin.test", invoice.number)).toEqual([]);
    expect(await remindersOf("alice@brasserie.test", invoice.number)).toEqual([]);
    // Paid invoices are never reminded.
    expect(await remindersOf("marc@martin.test", paid.number)).toEqual([]);
  });

  it("sends nothing more the same day, nor before 7 days have passed", async () => {
    await sendOverdueReminders(day(2026, 11, 1));
    await Promise.all([sendOverdueReminders(day(2026, 11, 4)), sendOverdueReminders(day(2026, 11, 4))]);
    await sendOverdueReminders(day(2026, 11, 7));
    expect(await remindersOf("marc@martin.test", invoice.number)).toHaveLength(1);
    const rows = await getDb().invoiceReminder.findMany({ where: { invoiceId: invoice.id } });
    expect(rows.map((r) => [r.sentOn, r.daysOverdue, r.recipients])).toEqual([["2026-11-01", 1, 2]]);
  });

  it("reminds again every 7 days, up to MAX_REMINDERS times, and stops once paid", async () => {
    await sendOverdueReminders(day(2026, 11, 8));
    const second = await remindersOf("marc@martin.test", invoice.number);
    expect(second).toHaveLength(2);
    expect(second[1].text).toContain("il y a 8 jours");
    for (let week = 2; week < MAX_REMINDERS + 2; week++) await sendOverdueReminders(day(2026, 11, 1 + 7 * week));
    expect(await remindersOf("marc@martin.test", invoice.number)).toHaveLength(MAX_REMINDERS);

    const other = await insertInvoice(
      await insertOrder({
        seller: "brasserie-du-pont",
        buyer: "epicerie-martin",
        createdBy: "marc@martin.test",
        status: "DELIVERED",
        lines: [{ description: "Stout", quantity: 1, unitPrice4: 40_0000 }],
      }),
      { issuedAt: day(2026, 12, 1), paymentTermsDays: 0 },
    );
    await insertPayment({ allocations: [{ invoiceId: other.id, amountCents: other.totalCents }] });
    await sendOverdueReminders(day(2026, 12, 5));
    expect(await remindersOf("marc@martin.test", other.number)).toEqual([]);
  });
});
