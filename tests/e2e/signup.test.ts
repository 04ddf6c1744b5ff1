import { describe, expect, it } from "vitest";
import { useBrowser } from "./browser";

const { newPage } = useBrowser();

describe("a new user", () => {
  it("signs up, creates an organization and lands on its home page", async () => {
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
  });
});
