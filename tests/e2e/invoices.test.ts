import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { useBrowser } from "./browser";

/** Text with Intl's narrow and non-breaking spaces made plain. */
const plain = (text: string | null) => (text ?? "").replace(/[\u00a0\u202f]/g, " ");
/** Cents as the brasserie's pages show them (its currency, in French): 123456 → "1 234,56 €". */
const euros = (cents: number) => plain(new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" }).format(cents / 100));
/** "1 234,56 €" → 123456. */
const centsOf = (text: string) => Number(text.replace(/[^\d]/g, ""));

const { newPage, logIn } = useBrowser();

/** The invoice page's "Balance due", in cents. */
async function balanceDue(page: Page): Promise<number> {
  const totals = plain(await page.getByRole("region", { name: "Totals" }).textContent());
  const amount = /Balance due\s*(-?[\d ]+,\d{2} €)/.exec(totals)?.[1];
  expect(amount, totals).toBeTruthy();
  return centsOf(amount!);
}

describe("invoices", () => {
  it("the producer invoices a delivered order, credits part of it, is paid in two payments, and the retailer sees its account", async () => {
    // The producer opens a delivered order of Épicerie Martin (demo data) among the orders to invoice.
    const producer = await newPage();
    await logIn(producer, "alice@brasserie.test");
    await producer.goto("/o/brasserie-du-pont/orders?view=to_invoice&q=Martin");
    await producer.getByRole("link", { name: /^Open order \d+ of Épicerie Martin$/ }).first().click();
    await producer.waitForURL(/\/o\/brasserie-du-pont\/orders\/[a-z0-9]+$/);
    const orderPath = new URL(producer.url()).pathname;
    await expect.poll(() => producer.getByRole("heading", { level: 1 }).textContent()).toContain("Delivered");
    const orderNumber = /Order (\d+)/.exec((await producer.getByRole("heading", { level: 1 }).textContent()) ?? "")![1];

    // Publishing freezes the order: it is Invoiced, and the invoice opens from its panel.
    await producer.getByText("Publish the invoice…").click();
    await producer.getByRole("button", { name: "Publish the invoice", exact: true }).click();
    await expect.poll(() => producer.getByRole("status").textContent()).toMatch(/Invoice F-\d{4}-\d+ published\./);
    const invoiceNumber = /Invoice (F-\d{4}-\d+) published/.exec((await producer.getByRole("status").textContent()) ?? "")![1];
    await expect.poll(() => producer.getByRole("heading", { level: 1 }).textContent()).toContain("Invoiced");
    await expect.poll(() => producer.getByText("The invoice freezes this order: changes go through credit notes.").count()).toBe(1);
    await producer.getByRole("link", { name: "Open the invoice" }).click();
    await producer.waitForURL(/\/o\/brasserie-du-pont\/invoices\/[a-z0-9]+$/);
    const invoicePath = new URL(producer.url()).pathname;
    await expect.poll(() => producer.getByRole("heading", { level: 1 }).textContent()).toBe(`Invoice ${invoiceNumber} Issued`);
    const totalCents = await balanceDue(producer);
    expect(totalCents).toBeGreaterThan(2_000);

    // A credit note for a free amount: the reconciliation note is mandatory.
    const credit = producer.getByRole("form", { name: "A free amount" });
    await credit.getByLabel("Amount (taxes included)").fill("12,50");
    await credit.getByRole("button", { name: "Issue the credit note for this amount" }).click();
    await expect.poll(() => credit.getByRole("alert").filter({ hasText: "Required." }).count()).toBe(1);
    expect(await producer.getByText("No credit note for this invoice.").count()).toBe(1);
    await credit.getByLabel("Reconciliation note").fill("Une bouteille cassée à la livraison");
    await credit.getByRole("button", { name: "Issue the credit note for this amount" }).click();
    await expect.poll(() => producer.getByRole("status").textContent()).toMatch(/Credit note \S+ issued\./);
    const creditNotes = producer.getByRole("region", { name: "Credit notes" });
    await expect.poll(async () => plain(await creditNotes.textContent())).toContain("Une bouteille cassée à la livraison");
    expect(plain(await creditNotes.textContent())).toContain("12,50 €");
    const afterCredit = totalCents - 1250;
    await expect.poll(() => balanceDue(producer)).toBe(afterCredit);

    // A partial payment by transfer, then the rest by cheque.
    const partial = Math.floor(afterCredit / 200) * 100; // about half, in whole euros
    const rest = afterCredit - partial;
    const payment = producer.getByRole("region", { name: "Record a payment" });
    await payment.getByLabel("Amount").fill(String(partial / 100));
    await payment.getByLabel("Reference").fill("VIR-2026-0042");
    await payment.getByRole("button", { name: "Record the payment" }).click();
    await expect.poll(async () => plain(await producer.getByRole("status").textContent())).toBe(`Payment of ${euros(partial)} recorded on invoice ${invoiceNumber}.`);
    await expect.poll(() => balanceDue(producer)).toBe(rest);
    await expect.poll(() => producer.getByRole("heading", { level: 1 }).textContent()).toBe(`Invoice ${invoiceNumber} Issued`);

    // Meanwhile the retailer's payables show what it still owes.
    const retailer = await newPage();
    await logIn(retailer, "marc@martin.test");
    await retailer.goto("/o/epicerie-martin/payables");
    const owed = retailer.getByRole("row").filter({ hasText: "Brasserie du Pont" });
    await expect.poll(async () => plain(await owed.textContent())).toContain(euros(rest));

    await payment.getByLabel("Amount").fill(euros(rest).replace(" €", ""));
    await payment.getByLabel("Method").selectOption({ label: "Cheque" });
    await payment.getByRole("button", { name: "Record the payment" }).click();
    await expect.poll(async () => plain(await producer.getByRole("status").textContent())).toBe(`Payment of ${euros(rest)} recorded on invoice ${invoiceNumber}.`);

    // Payments and the credit note cover the total: the invoice and the order are Paid.
    await expect.poll(() => producer.getByRole("heading", { level: 1 }).textContent()).toBe(`Invoice ${invoiceNumber} Paid`);
    await expect.poll(() => balanceDue(producer)).toBe(0);
    expect(await producer.getByText(/^Settled on /).count()).toBe(1);
    expect(await producer.getByRole("region", { name: "Record a payment" }).count()).toBe(0);
    const payments = plain(await producer.getByRole("region", { name: "Payments" }).textContent());
    expect(payments).toContain(euros(partial));
    expect(payments).toContain("VIR-2026-0042");
    expect(payments).toContain(euros(rest));
    await producer.getByRole("link", { name: `← Order ${orderNumber}` }).click();
    await producer.waitForURL((url) => url.pathname === orderPath);
    await expect.poll(() => producer.getByRole("heading", { level: 1 }).textContent()).toContain("Paid");
    await expect.poll(() => producer.getByRole("region", { name: "Invoice" }).textContent()).toContain(`${invoiceNumber} · Paid`);

    // The retailer owes nothing more; its account with the brasserie lists the invoice, the credit
    // note and both payments, down to a zero balance.
    await retailer.reload();
    await expect.poll(() => retailer.getByText("You owe nothing").count()).toBe(1);
    await retailer.getByLabel("Supplier").selectOption({ label: "Brasserie du Pont" });
    await retailer.getByRole("button", { name: "Show the account" }).click();
    await retailer.waitForURL(/supplier=/);
    await expect.poll(async () => plain(await retailer.getByTestId("balance").textContent())).toBe(euros(0));
    const ledger = retailer.getByTestId("ledger");
    const invoiceRow = ledger.getByRole("row").filter({ hasText: invoiceNumber });
    await expect.poll(async () => plain(await invoiceRow.textContent())).toContain(euros(totalCents));
    expect(plain(await ledger.getByRole("row").filter({ hasText: "Credit note" }).textContent())).toContain("12,50 €");
    expect(await ledger.getByRole("row").filter({ hasText: "Payment" }).count()).toBe(2);

    // From the ledger to the order, then to its invoice: Paid, read-only for the customer.
    await invoiceRow.getByRole("link", { name: invoiceNumber }).click();
    await retailer.waitForURL(/\/o\/epicerie-martin\/orders\/[a-z0-9]+$/);
    await expect.poll(() => retailer.getByRole("heading", { level: 1 }).textContent()).toContain("Paid");
    await retailer.getByRole("link", { name: "Open the invoice" }).click();
    await retailer.waitForURL((url) => url.pathname === invoicePath.replace("brasserie-du-pont", "epicerie-martin"));
    await expect.poll(() => retailer.getByRole("heading", { level: 1 }).textContent()).toBe(`Invoice ${invoiceNumber} Paid`);
    expect(await retailer.getByText("You see this invoice as the customer", { exact: false }).count()).toBe(1);
    expect(await retailer.getByRole("region", { name: "Record a payment" }).count()).toBe(0);
    expect(await retailer.getByRole("button", { name: "Pay online" }).count()).toBe(0);
    expect(plain(await retailer.getByRole("region", { name: "Credit notes" }).textContent())).toContain("Une bouteille cassée à la livraison");
  });
});
