import { describe, expect, it } from "vitest";
import { useBrowser } from "./browser";

const { newPage, logIn } = useBrowser();

describe("order chat", () => {
  it("a retailer and a producer chat live on one order: typing, messages, receipts, unread counts, no markup", async () => {
    // The retailer opens one of its orders and its Messages tab.
    const retailer = await newPage();
    await logIn(retailer, "marc@martin.test");
    await retailer.goto("/o/epicerie-martin/orders");
    await retailer.getByRole("link", { name: /^Open order \d+ of Épicerie Martin$/ }).first().click();
    await retailer.waitForURL(/\/o\/epicerie-martin\/orders\/[a-z0-9]+$/);
    const orderId = new URL(retailer.url()).pathname.split("/").pop()!;
    // The URL changes before the order page has rendered: wait for its heading.
    const number = /\d+/.exec((await retailer.getByRole("heading", { level: 1, name: /^Order \d+/ }).textContent()) ?? "")![0];

    // The producer, on the same order, has nothing unread yet.
    const producer = await newPage();
    await logIn(producer, "alice@brasserie.test");
    await producer.goto(`/o/brasserie-du-pont/orders?q=${number}`);
    const producerRow = producer.getByRole("row").filter({ has: producer.getByRole("link", { name: `Open order ${number} of Épicerie Martin` }) });
    await expect.poll(() => producerRow.count()).toBe(1);
    expect(await producerRow.getByText(/unread message/).count()).toBe(0);

    await retailer.getByRole("navigation", { name: "Sections of the order" }).getByRole("link", { name: "Messages", exact: true }).click();
    await retailer.waitForURL(/tab=messages/);
    const retailerBox = retailer.getByRole("textbox", { name: "Message" });
    // Live from here on (the form posts in place once the page has its JavaScript).
    await expect.poll(() => retailer.locator('input[name="live"]').count()).toBe(1);
    await retailerBox.fill("Bonjour, pouvez-vous ajouter 2 fûts ? <img src=x onerror=\"document.title='pwned'\"> Tarifs : https://brasserie.test/tarifs");
    await retailerBox.press("Enter");
    const retailerLog = retailer.getByRole("log", { name: "Conversation" });
    await expect.poll(() => retailerLog.getByText("Bonjour, pouvez-vous ajouter 2 fûts ?", { exact: false }).count()).toBe(1);
    await expect.poll(() => retailerBox.inputValue()).toBe("");

    // The producer's list and navigation count it; the row's badge opens the conversation.
    await producer.reload();
    await expect.poll(() => producerRow.getByText("1 unread message").count()).toBe(1);
    await expect.poll(async () => (await producer.getByRole("navigation", { name: "Main menu" }).getByRole("link", { name: /Orders/ }).textContent()) ?? "").toMatch(/\d/);
    await producerRow.getByRole("link", { name: "1 unread message" }).click();
    await producer.waitForURL(new RegExp(`/orders/${orderId}\\?tab=messages`));
    const producerLog = producer.getByRole("log", { name: "Conversation" });
    const received = producerLog.getByRole("listitem").filter({ hasText: "pouvez-vous ajouter 2 fûts" });
    // Text stays text: the markup shows as typed, only the web address is a link.
    await expect.poll(() => received.textContent()).toContain(`<img src=x onerror="document.title='pwned'">`);
    expect(await received.locator("img").count()).toBe(0);
    expect(await received.getByRole("link", { name: "https://brasserie.test/tarifs" }).getAttribute("href")).toBe("https://brasserie.test/tarifs");
    expect(await producer.title()).not.toBe("pwned");

    // Opening the conversation read it: the retailer sees "Seen by Alice" live.
    await expect.poll(() => retailerLog.textContent(), { timeout: 5_000 }).toMatch(/Seen by Alice Dupont \d{2}:\d{2}/);

    // The producer types: the retailer sees it; then the answer arrives without a reload.
    const producerBox = producer.getByRole("textbox", { name: "Message" });
    await expect.poll(() => producer.locator('input[name="live"]').count()).toBe(1);
    await producerBox.pressSequentially("Oui, ", { delay: 30 });
    await expect.poll(() => retailer.getByText("Alice Dupont is typing…").count(), { timeout: 5_000 }).toBe(1);
    await producerBox.pressSequentially("c’est noté pour jeudi.");
    await producer.getByRole("button", { name: "Send" }).click();
    await expect.poll(() => retailerLog.getByText("Oui, c’est noté pour jeudi.").count(), { timeout: 5_000 }).toBe(1);
    await expect.poll(() => retailer.getByText("Alice Dupont is typing…").count()).toBe(0);
    // The retailer had it on screen: read at once, and the producer sees it.
    await expect.poll(() => producerLog.textContent(), { timeout: 5_000 }).toMatch(/Seen by Marc Martin \d{2}:\d{2}/);

    // An empty message is refused in place, in the user's language.
    await producer.getByRole("button", { name: "Send" }).click();
    await expect.poll(() => producer.getByRole("alert").filter({ hasText: "Write a message (or attach a file)." }).count()).toBe(1);
  });
});
