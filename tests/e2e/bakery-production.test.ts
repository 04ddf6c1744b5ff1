// The bakehouse's side of the morning in the browser: tomorrow's production list (one click from any
// day), a counter order recorded at the shop with its balance shown as it is typed, and the bakery
// settings saved through their form.
import { describe, expect, it } from "vitest";
import { useBrowser } from "./browser";

const plain = (text: string | null) => (text ?? "").replace(/[\u00a0\u202f]/g, " ");
const { newPage, logIn } = useBrowser();

describe("bakery production", () => {
  it("the baker opens tomorrow's production list, moves a day and comes back in one click", async () => {
    const page = await newPage();
    await logIn(page, "bruno@aurore.test");
    await page.goto("/o/boulangerie-aurore/bakery/production");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toContain("Production list");
    await expect.poll(() => page.getByRole("heading", { name: /^Family / }).count()).toBeGreaterThan(0);
    const tomorrow = new URL(page.url()).searchParams.get("date");
    await page.getByRole("link", { name: /Next day/ }).click();
    await page.waitForURL(/date=/);
    await page.getByRole("link", { name: "Tomorrow" }).click();
    await expect.poll(() => page.getByRole("link", { name: "Tomorrow" }).getAttribute("aria-current")).toBe("date");
    expect(tomorrow === null || page.url().includes(tomorrow)).toBe(true);
  });

  it("a counter order shows its balance while typed and lands in the day's list", async () => {
    const page = await newPage();
    await logIn(page, "bruno@aurore.test");
    await page.goto("/o/boulangerie-aurore/bakery/shops");
    await page.getByLabel("Customer", { exact: true }).fill("Mme Lemaire");
    await page.getByLabel("Item 1", { exact: true }).selectOption({ label: "Croissant au beurre — Pièce (0,825 €)" });
    await page.getByLabel("Quantity of item 1").fill("10");
    await page.getByLabel("Deposit").fill("3,00");
    await expect.poll(async () => plain(await page.getByText(/balance due at pickup/).textContent())).toBe("Total 8,25 € — balance due at pickup 5,25 €");
    await page.getByRole("button", { name: "Record the order" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain("Counter order of Mme Lemaire recorded.");
    const row = page.getByRole("row").filter({ hasText: "Mme Lemaire" });
    await expect.poll(async () => plain(await row.textContent())).toContain("5,25 €");
    await row.getByRole("button", { name: "Picked up" }).click();
    await expect.poll(async () => plain(await page.getByRole("row").filter({ hasText: "Mme Lemaire" }).textContent())).toContain("Picked up");
  });

  it("the bakery settings are saved from their form, and a wrong fee is explained", async () => {
    const page = await newPage();
    await logIn(page, "bruno@aurore.test");
    await page.goto("/o/boulangerie-aurore/bakery/settings");
    const fee = page.getByLabel("Slicing fee per sliced unit");
    await fee.fill("deux");
    await page.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => page.getByRole("alert").filter({ hasText: "Enter an amount such as 0.200" }).count()).toBe(1);
    await fee.fill("0,250");
    await page.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain("Bakery settings saved.");
    // Written as the bakery writes numbers (fr-BE), in an English interface too.
    await page.reload();
    await expect.poll(() => page.getByLabel("Slicing fee per sliced unit").inputValue()).toBe("0,250");
  });
});
