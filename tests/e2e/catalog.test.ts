import { describe, expect, it } from "vitest";
import { useBrowser } from "./browser";

/** Text with Intl's narrow and non-breaking spaces made plain. */
const plain = (text: string | null) => (text ?? "").replace(/[\u00a0\u202f]/g, " ");

const { newPage, logIn } = useBrowser();

describe("catalog", () => {
  it("a retailer browses its producer's catalog with its group discount", async () => {
    const page = await newPage();
    await logIn(page, "marc@martin.test");
    await page.getByRole("navigation", { name: "Main menu" }).getByRole("link", { name: "Catalog" }).click();
    await page.getByRole("link", { name: /Brasserie du Pont/ }).click();
    await page.waitForURL(/\/o\/epicerie-martin\/catalog\/.+/);
    // Prices follow the organization's formats (fr-FR here), the interface the user's language.
    await expect.poll(async () => plain(await page.locator("main").textContent())).toContain("Your customer group Épiceries fines gives you 5 % off the list price.");
    // Blonde du Pont, case of 24: list price 42,00 €, 5 % off → 39,90 €.
    const row = page.getByRole("row").filter({ hasText: "Caisse de 24 × 33 cl" }).filter({ hasText: /42,00/ });
    await expect.poll(async () => plain(await row.first().textContent())).toContain("39,90 €");
    // A producer it does not trade with stays invisible.
    await page.goto("/o/bistro-gare/catalog");
    await expect.poll(() => page.getByRole("heading", { name: "Page not found" }).count()).toBe(1);
  });

  it("a producer adds a product with a format, and its customers see it", async () => {
    const page = await newPage();
    await logIn(page, "alice@brasserie.test");
    await page.getByRole("navigation", { name: "Main menu" }).getByRole("link", { name: "Catalog" }).click();
    await page.getByRole("link", { name: "New product" }).first().click();
    await page.getByLabel("Product", { exact: true }).fill("Triple de l’Abbaye");
    await page.getByLabel("SKU").fill("BDP-TRI");
    await page.getByLabel("Family").fill("Bières fortes");
    await page.getByRole("button", { name: "Create the product" }).click();
    await page.waitForURL(/\/catalog\/products\/.+/);

    const form = page.getByRole("form", { name: "Add a format" });
    await form.getByLabel("Format").fill("Caisse de 12 × 75 cl");
    await form.getByLabel("Unit price").fill("4,2");
    await form.getByLabel("Deposit").fill("0,30");
    await form.getByRole("button", { name: "Add the format" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain("Format Caisse de 12 × 75 cl added.");
    await expect.poll(() => page.getByRole("form", { name: "Format Caisse de 12 × 75 cl" }).count()).toBe(1);

    // Bad input keeps what was typed and says what is wrong.
    const again = page.getByRole("form", { name: "Add a format" });
    await again.getByLabel("Format").fill("Fût 20 L");
    await again.getByLabel("Unit price").fill("12,34567");
    await again.getByRole("button", { name: "Add the format" }).click();
    await expect.poll(() => page.getByRole("form", { name: "Add a format" }).getByRole("alert").count()).toBeGreaterThan(0);
    expect(await page.getByRole("form", { name: "Add a format" }).getByLabel("Format").inputValue()).toBe("Fût 20 L");

    const customer = await newPage();
    await logIn(customer, "chloe@central.test");
    await customer.goto("/o/cafe-central/catalog");
    await customer.getByRole("link", { name: /Brasserie du Pont/ }).click();
    await expect.poll(() => customer.getByText("Triple de l’Abbaye").count()).toBeGreaterThan(0);
    const newRow = customer.getByRole("row").filter({ hasText: "Triple de l’Abbaye" });
    await expect.poll(async () => plain(await newRow.textContent())).toMatch(/Caisse de 12 × 75 cl.*4,20 €.*0,30 €/);
  });
});
