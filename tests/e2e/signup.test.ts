import { describe, expect, it } from "vitest";
import { useBrowser } from "./browser";
import { waitForLink } from "./mail";

const { newPage } = useBrowser();

describe("a new user", () => {
  it("signs up, creates an organization and invites a colleague who joins it", async () => {
    const page = await newPage();
    const email = `new-${Date.now()}@example.test`;
    await page.goto("/signup");
    await page.getByLabel("Your name").fill("Nina Nouveau");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("short");
    await page.getByRole("button", { name: "Create my account" }).click();
    await expect.poll(() => page.getByText("At least 8 characters.").count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByLabel("Email").inputValue()).toBe(email); // nothing lost on bad input

    await page.getByLabel("Password").fill("a-good-password");
    await page.getByRole("button", { name: "Create my account" }).click();
    await page.waitForURL("**/orgs/new");

    await page.getByLabel("Organization name").fill("Torréfaction Nina");
    expect(await page.getByLabel("Address on Comptoir").inputValue()).toBe("torrefaction-nina");
    await page.getByLabel("Producer").check();
    await page.getByRole("button", { name: "Create the organization" }).click();
    await page.waitForURL("**/o/torrefaction-nina");
    await expect.poll(() => page.getByRole("heading", { name: "Welcome, Nina Nouveau" }).count()).toBe(1);
    await expect.poll(() => page.getByRole("status").textContent()).toContain("Torréfaction Nina is ready.");
  
    // Invite a colleague as Sales.
    const colleague = `colleague-${Date.now()}@example.test`;
    await page.getByRole("navigation", { name: "Main menu" }).getByRole("link", { name: "Members" }).click();
    await page.getByLabel("Email", { exact: true }).fill(colleague);
    await page.getByLabel("Role", { exact: true }).selectOption("SALES");
    await page.getByRole("button", { name: "Send the invitation" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain(`Invitation sent to ${colleague}.`);
    await expect.poll(() => page.getByText(colleague).count()).toBeGreaterThan(0);

    // The colleague follows the emailed link, creates an account and joins.
    const link = await waitForLink(colleague, "/invitations/");
    const other = await newPage();
    await other.goto(link);
    await other.getByRole("link", { name: "Create my account" }).click();
    expect(await other.getByLabel("Email").inputValue()).toBe(colleague);
    await other.getByLabel("Your name").fill("Colin Collègue");
    await other.getByLabel("Password").fill("another-good-password");
    await other.getByRole("button", { name: "Create my account" }).click();
    await other.waitForURL(`**${link}`);
    await other.getByRole("button", { name: "Join Torréfaction Nina" }).click();
    await other.waitForURL("**/o/torrefaction-nina");
    await expect.poll(() => other.getByRole("heading", { name: "Welcome, Colin Collègue" }).count()).toBe(1);

    await page.reload();
    const row = page.getByRole("row").filter({ hasText: colleague });
    await expect.poll(() => row.textContent()).toContain("Colin Collègue");
  });
});
