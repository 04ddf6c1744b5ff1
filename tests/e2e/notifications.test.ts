// The email-notification settings page, in a real browser: it used to crash once hydrated (500
// "Something went wrong") because it imported its list of kinds from a .server module that the client
// bundle does not hold. Every chat header links to it.
import { describe, expect, it } from "vitest";
import { useBrowser } from "./browser";

const { newPage, logIn } = useBrowser();

describe("email notification settings", () => {
  it("shows every kind, saves a switch turned off, with no page error", async () => {
    const page = await newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    await logIn(page, "chloe@central.test");
    await page.goto("/account/notifications");
    await page.waitForLoadState("networkidle");
    await expect.poll(() => page.getByRole("heading", { name: "Email notifications" }).count()).toBe(1);
    for (const kind of ["New orders", "Order status changes", "Messages", "Invoices"]) {
      expect(await page.getByLabel(kind, { exact: true }).isChecked(), kind).toBe(true);
    }

    await page.getByLabel("Messages", { exact: true }).uncheck();
    await page.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain("Notification settings saved");
    await page.reload();
    await page.waitForLoadState("networkidle");
    expect(await page.getByLabel("Messages", { exact: true }).isChecked()).toBe(false);
    expect(await page.getByLabel("Invoices", { exact: true }).isChecked()).toBe(true);
    expect(await page.getByText("Something went wrong").count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
