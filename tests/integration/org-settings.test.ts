import { describe, expect, it } from "vitest";
import { getDb } from "~/utils/db.server";
import { createMember, createUser } from "../factories";
import { PageClient, useTestServer } from "../setup/http";

const DETAILS = {
  name: "Cave Renommée",
  locale: "fr-BE",
  currency: "EUR",
  email: "Contact@Cave.test",
  phone: "+32 2 123 45 67",
  address: "5 rue du Midi\n1000 Bruxelles",
  taxNumber: "BE0123456789",
};

describe("organization details page", () => {
  it("shows the details in a form to an owner", async () => {
    const server = await useTestServer();
    const alice = await new PageClient(server).login("alice@brasserie.test");
    const page = await alice.get("/o/brasserie-du-pont/settings");
    expect(page.status).toBe(200);
    expect(page.html).toContain("Coordonnées de l’organisation");
    expect(page.html).toContain('value="Brasserie du Pont"');
    expect(page.html).toContain('value="FR40123456789"');
    expect(page.html).toContain("12 quai du Pont, 59000 Lille");
  });

  it("saves every field; the new name shows in the navigation", async () => {
    const server = await useTestServer();
    const { user, org } = await createMember("RETAILER", "MANAGER");
    const client = await new PageClient(server).login(user.email);
    const res = await client.post(`/o/${org.slug}/settings`, DETAILS);
    expect(res.status).toBe(302);
    expect(res.location).toBe(`/o/${org.slug}/settings`);
    const page = await client.get(`/o/${org.slug}/settings`);
    expect(page.html).toContain("Les coordonnées de l’organisation sont enregistrées.");
    expect(page.html).toContain("Cave Renommée");
    expect(await getDb().organization.findUniqueOrThrow({ where: { id: org.id } })).toMatchObject({
      ...DETAILS,
      email: "contact@cave.test",
    });

    // Optional fields can be emptied.
    await client.post(`/o/${org.slug}/settings`, { ...DETAILS, email: "", phone: "", address: "", taxNumber: "" });
    expect(await getDb().organization.findUniqueOrThrow({ where: { id: org.id } })).toMatchObject({
      email: null,
      phone: null,
      address: null,
      taxNumber: null,
    });
  });

  it("answers field errors next to the inputs, keeping what was typed", async () => {
    const server = await useTestServer();
    const { user, org } = await createMember("PRODUCER", "OWNER");
    const client = await new PageClient(server).login(user.email);
    const res = await client.post(`/o/${org.slug}/settings`, { ...DETAILS, name: "", email: "not-an-email", currency: "XXX" });
    expect(res.status).toBe(400);
    expect(res.html).toContain("Obligatoire.");
    expect(res.html).toContain("Saisissez une adresse e-mail valide.");
    expect(res.html).toContain('value="not-an-email"');
    expect((await getDb().organization.findUniqueOrThrow({ where: { id: org.id } })).name).toBe(org.name);
  });

  it("is read-only for a member without the right, and refuses their posts", async () => {
    const server = await useTestServer();
    const sam = await new PageClient(server).login("sam@brasserie.test");
    const page = await sam.get("/o/brasserie-du-pont/settings");
    expect(page.status).toBe(200);
    expect(page.html).toContain("Seuls les propriétaires et les responsables peuvent modifier ces coordonnées.");
    expect(page.html).toContain("FR40123456789");
    expect(page.html).not.toContain('name="taxNumber"');
    const res = await sam.post("/o/brasserie-du-pont/settings", { ...DETAILS, name: "Brasserie de Sam" });
    expect(res.status).toBe(403);
    expect((await getDb().organization.findUniqueOrThrow({ where: { slug: "brasserie-du-pont" } })).name).toBe("Brasserie du Pont");
  });

  it("does not exist for someone outside the organization", async () => {
    const server = await useTestServer();
    const outsider = await createUser();
    const client = await new PageClient(server).login(outsider.email);
    expect((await client.get("/o/brasserie-du-pont/settings")).status).toBe(404);
    expect((await client.post("/o/brasserie-du-pont/settings", DETAILS)).status).toBe(404);
  });
});
