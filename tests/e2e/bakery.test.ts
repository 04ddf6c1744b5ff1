// A bakery's morning in the browser, on the demo data (prisma/seed-bakery.ts: for tomorrow, Bistro de
// la Gare ordered twice — a conflict — and Café Central has a standing order):
// the retailer proposes a new standing order and enters a difference for tomorrow; the baker sees
// both on the intake board, keeps one of the conflicting orders, takes the web orders in, validates
// the date, opens the production list and the delivery notes; the retailer can no longer change
// the validated date.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { pdfText } from "../setup/pdf-text";
import { useBrowser } from "./browser";

const { newPage, logIn } = useBrowser();

/** Tomorrow in the server's time zone (the same machine), as the pages default to it. */
function tomorrow(): string {
  const d = new Date();
  d.setDate(d.getDate() + 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/** The toast a form action leaves after its redirect. */
async function toast(page: Page): Promise<string> {
  await expect.poll(() => page.getByRole("status").filter({ hasText: /\S/ }).count()).toBeGreaterThan(0);
  return (await page.getByRole("status").filter({ hasText: /\S/ }).first().textContent()) ?? "";
}

async function download(page: Page, href: string): Promise<{ status: number; type: string; body: Buffer }> {
  const response = await page.request.get(href);
  return { status: response.status(), type: response.headers()["content-type"] ?? "", body: await response.body() };
}

describe("a bakery's morning", () => {
  it("the retailer proposes and enters a difference; the baker takes in, resolves the conflict, validates, prints production and delivery notes", async () => {
    const date = tomorrow();

    // Café Central proposes a new standing order: 31 of its first item on Mondays.
    const retailer = await newPage();
    await logIn(retailer, "chloe@central.test");
    await retailer.goto("/o/cafe-central/bakery/standing");
    const monday = retailer.getByLabel(/, Monday$/).first();
    await monday.fill("31");
    await retailer.getByRole("button", { name: "Send the proposal" }).click();
    expect(await toast(retailer)).toContain("Proposal sent to the bakery");
    await expect.poll(() => retailer.getByRole("cell", { name: "Waiting", exact: true }).count()).toBe(1);
    expect(await retailer.getByRole("cell", { name: "Replaced", exact: true }).count()).toBe(1); // the demo's earlier proposal

    // …and adds 3 of an item to tomorrow's delivery.
    await retailer.goto(`/o/cafe-central/bakery/differences?date=${date}`);
    const added = retailer.locator('select[name="addFormat"]');
    const item = (await added.locator("option").nth(1).textContent())!.trim();
    await added.selectOption({ index: 1 });
    await retailer.getByLabel("Quantity", { exact: true }).last().fill("3");
    await retailer.getByRole("button", { name: "Send the difference" }).click();
    expect(await toast(retailer)).toContain("Difference sent to the bakery");
    await expect.poll(() => retailer.getByText(`+3 × ${item}`).count()).toBe(1);

    // The baker's board of tomorrow: the proposal waits, the difference is received, Bistro de la Gare is in conflict.
    const baker = await newPage();
    await logIn(baker, "bruno@aurore.test");
    await baker.goto("/o/boulangerie-aurore/bakery/intake");
    await baker.waitForURL(/\/bakery\/intake/);
    const conflicts = baker.getByRole("region", { name: "Conflicts: keep one order per customer" });
    await expect.poll(() => conflicts.textContent()).toContain("Bistro de la Gare");
    await expect.poll(() => baker.getByRole("button", { name: "Validate the date" }).isDisabled()).toBe(true);
    await baker.getByRole("link", { name: /\d+ received/ }).last().click();
    await expect.poll(() => baker.getByRole("region", { name: "Differences", exact: true }).textContent()).toContain("Café Central");

    // Keep one of Bistro de la Gare's orders: the other is refused, nothing overwritten.
    await conflicts.getByRole("button", { name: "Keep this one" }).first().click();
    expect(await toast(baker)).toMatch(/Order #\d+ kept for Bistro de la Gare\./);
    expect(await baker.getByRole("region", { name: "Conflicts: keep one order per customer" }).count()).toBe(0);

    // Take in every web order left, then validate the date (confirmed in a dialog).
    await baker.goto(`/o/boulangerie-aurore/bakery/intake/${date}?show=toTakeIn`);
    const takeInAll = baker.getByRole("button", { name: "Take in all" });
    // (Café Central's demo orders may hold one for tomorrow, taken in or not: the seed is random there.)
    if (await takeInAll.isEnabled()) {
      await takeInAll.click();
      expect(await toast(baker)).toMatch(/\d+ orders taken in\./);
    }
    await expect.poll(() => baker.getByRole("link", { name: "0 to take in" }).first().count()).toBe(1);
    baker.once("dialog", (dialog) => void dialog.accept());
    await baker.getByRole("button", { name: "Validate the date" }).click();
    await expect.poll(() => baker.getByText(/Validated by Bruno Lambert at/).count(), { timeout: 15_000 }).toBe(1);

    // Step 3: the production list of the date, and its PDF for the bakehouse.
    await baker.getByRole("link", { name: "Print production" }).click();
    await baker.waitForURL(/\/bakery\/production/);
    await expect.poll(() => baker.getByRole("heading", { level: 1 }).textContent()).toContain("Production list");
    expect(await baker.getByRole("table").count()).toBeGreaterThan(0);
    const production = await download(baker, (await baker.getByRole("link", { name: "Print (PDF)" }).getAttribute("href"))!);
    expect(production.status).toBe(200);
    expect(production.type).toContain("application/pdf");

    // Step 4: the delivery notes, one per customer in round order, and all of them in one PDF.
    await baker.goto(`/o/boulangerie-aurore/bakery/intake/${date}`);
    await baker.getByRole("link", { name: "Print delivery notes" }).click();
    await baker.waitForURL(/\/bakery\/delivery-notes/);
    await expect.poll(() => baker.getByRole("heading", { level: 1 }).textContent()).toContain("Delivery notes");
    await expect.poll(() => baker.getByText("Café Central").count()).toBeGreaterThan(0);
    const all = await download(baker, (await baker.getByRole("link", { name: /^All notes \(PDF, \d+\)$/ }).getAttribute("href"))!);
    expect(all.status).toBe(200);
    expect(all.type).toContain("application/pdf");
    const text = pdfText(new Uint8Array(all.body));
    expect(text).toContain("Café Central");
    expect(text).toContain("Bistro de la Gare");

    // The retailer can no longer change that date: the page says to call the bakery.
    await retailer.goto(`/o/cafe-central/bakery/differences?date=${date}`);
    await expect.poll(() => retailer.getByText("This date is validated: nothing can change any more. Please call the bakery.").count()).toBe(1);
    expect(await retailer.getByRole("button", { name: "Send the difference" }).count()).toBe(0);
  });
});
