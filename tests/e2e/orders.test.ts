import { describe, expect, it } from "vitest";
import { useBrowser } from "./browser";

/** Text with Intl's narrow and non-breaking spaces made plain. */
const plain = (text: string | null) => (text ?? "").replace(/[\u00a0\u202f]/g, " ");

const { newPage, logIn } = useBrowser();

describe("orders", () => {
  it("a retailer orders, the producer changes, accepts, ships and delivers it, and the retailer reads the history", async () => {
    // The retailer places an order from the brasserie's catalog.
    const retailer = await newPage();
    await logIn(retailer, "marc@martin.test");
    await retailer.getByRole("navigation", { name: "Main menu" }).getByRole("link", { name: "Orders" }).click();
    await retailer.getByRole("link", { name: "New order" }).first().click();
    await retailer.waitForURL(/\/orders\/new/);
    await expect.poll(() => retailer.getByRole("heading", { name: "New order · Brasserie du Pont" }).count()).toBe(1);
    // The catalog filters in place; quantities are typed in the rows.
    await retailer.getByLabel("Search by name or SKU").fill("blonde");
    await expect.poll(() => retailer.getByLabel("Quantity of Ambrée des Quais, Fût 30 L").isVisible()).toBe(false);
    await retailer.getByLabel("Quantity of Blonde du Pont, Caisse de 24 × 33 cl").fill("10");
    // 10 × 42,00 € − 5 % = 399,00 €; + 20 % tax 79,80 €; + 10 × 6,00 € deposit = 538,80 €.
    const summary = retailer.getByRole("complementary");
    await expect.poll(async () => plain(await summary.textContent())).toContain("538,80 €");
    await retailer.getByRole("button", { name: "Place the order" }).click();
    await retailer.waitForURL((url) => /^\/o\/epicerie-martin\/orders\/(?!new$)[a-z0-9]+$/.test(url.pathname));
    const status = await retailer.getByRole("status").textContent();
    const number = /Order (\d+) sent to Brasserie du Pont/.exec(status ?? "")?.[1];
    expect(number).toBeTruthy();
    const orderPath = new URL(retailer.url()).pathname;
    const orderId = orderPath.split("/").pop()!;
    await expect.poll(() => retailer.getByText("You cannot change or cancel this order once placed", { exact: false }).count()).toBe(1);
    await expect.poll(() => retailer.getByRole("link", { name: "Edit" }).count()).toBe(0);

    // The producer finds it among the orders to accept and changes it.
    const producer = await newPage();
    await logIn(producer, "alice@brasserie.test");
    await producer.goto("/o/brasserie-du-pont/orders?view=to_accept");
    await producer.getByRole("link", { name: `Open order ${number} of Épicerie Martin` }).click();
    await producer.waitForURL(new RegExp(`/orders/${orderId}$`));
    await producer.getByRole("link", { name: "Edit" }).click();
    await producer.waitForURL(/edit=1/);
    const form = producer.getByRole("form", { name: `Edit order ${number}` });
    await form.getByLabel("Quantity of Blonde du Pont — Caisse de 24 × 33 cl").fill("12");
    await form.getByLabel("Fee", { exact: true }).fill("Express delivery");
    await form.getByLabel("Amount (EUR)").first().fill("15");
    // The new total follows the typing: 12 × 39,90 € + 15,00 € = 493,80 € + 98,76 € tax + 72,00 € deposit.
    await expect.poll(async () => plain(await form.textContent())).toContain("664,56 €");
    await form.getByRole("button", { name: "Save", exact: true }).click();
    await expect.poll(() => producer.getByRole("status").textContent()).toContain(`Order ${number} saved.`);
    await expect.poll(() => producer.getByRole("form", { name: `Edit order ${number}` }).count()).toBe(0);
    await expect.poll(async () => plain(await producer.locator("header").nth(1).textContent())).toContain("664,56 €");

    await producer.getByRole("button", { name: "Accept" }).click();
    await expect.poll(() => producer.getByRole("status").textContent()).toContain(`Order ${number} accepted.`);
    await producer.getByRole("button", { name: "Mark as shipped" }).click();
    await expect.poll(() => producer.getByRole("status").textContent()).toContain(`Order ${number} shipped.`);
    await producer.getByText("Confirm delivery…").click();
    const delivery = producer.getByRole("form", { name: "Received quantities" });
    expect(await delivery.getByLabel("Blonde du Pont — Caisse de 24 × 33 cl").inputValue()).toBe("12");
    await delivery.getByRole("button", { name: "Confirm the delivery" }).click();
    await expect.poll(() => producer.getByRole("status").textContent()).toContain(`Order ${number} delivered.`);
    await expect.poll(() => producer.getByRole("heading", { level: 1 }).textContent()).toContain("Delivered");

    // The retailer sees the delivered order and, in its history, the change before → after.
    await retailer.goto(orderPath);
    await expect.poll(() => retailer.getByRole("heading", { level: 1 }).textContent()).toContain("Delivered");
    await retailer.getByRole("link", { name: "History", exact: true }).click();
    await retailer.waitForURL(/tab=history/);
    const history = retailer.getByRole("list").filter({ hasText: "Changed" }).first();
    await expect.poll(async () => plain(await history.textContent())).toMatch(/Changed\s*by Alice Dupont \(Brasserie du Pont\)/);
    await expect.poll(async () => plain(await history.textContent())).toMatch(/Blonde du Pont — Caisse de 24 × 33 cl — Quantity:\s*10\s*→\s*becomes\s*12/);
    await expect.poll(async () => plain(await history.textContent())).toContain("Express delivery");
    await expect.poll(async () => plain(await history.textContent())).toMatch(/Status:\s*Shipped\s*→\s*becomes\s*Delivered/);
  });
});
