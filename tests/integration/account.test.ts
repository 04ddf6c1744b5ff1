import { describe, expect, it } from "vitest";
import { getDb } from "~/utils/db.server";
import { createUser } from "../factories";
import { lastEmailTo, linkPath, outboxTo } from "../setup/mail";
import { PageClient, useTestServer } from "../setup/http";

describe("my profile (/account)", () => {
  it("asks for a log-in first", async () => {
    const server = await useTestServer();
    const res = await new PageClient(server).get("/account");
    expect(res.status).toBe(302);
    expect(res.location).toBe("/login?redirectTo=%2Faccount");
  });

  it("shows the three forms with a way back home", async () => {
    const server = await useTestServer();
    const user = await createUser({ name: "Paula Profil" });
    const client = await new PageClient(server).login(user.email);
    const page = await client.get("/account");
    expect(page.status).toBe(200);
    expect(page.html).toContain("Mon profil");
    expect(page.html).toContain('value="Paula Profil"');
    expect(page.html).toContain(`Adresse actuelle : ${user.email}`);
    for (const intent of ["profile", "password", "email"]) expect(page.html).toContain(`name="intent" value="${intent}"`);
    expect(page.html).toMatch(/<a[^>]+href="\/"/);
  });

  it("saves the name and the interface language, which the next page speaks", async () => {
    const server = await useTestServer();
    const user = await createUser({ name: "Paul Profil" });
    const client = await new PageClient(server).login(user.email);

    const empty = await client.post("/account", { intent: "profile", name: "  ", locale: "en" });
    expect(empty.status).toBe(400);
    expect(empty.html).toContain("Obligatoire.");

    const saved = await client.post("/account", { intent: "profile", name: "Paul Renamed", locale: "en" });
    expect(saved.status).toBe(302);
    expect(saved.location).toBe("/account");
    const english = await client.get("/account");
    expect(english.html).toContain("Your profile is saved.");
    expect(english.html).toContain("My profile");
    expect(english.html).toContain('value="Paul Renamed"');
    expect(await getDb().user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ name: "Paul Renamed", locale: "en" });

    // Back to the browser's language (none sent here: French).
    expect((await client.post("/account", { intent: "profile", name: "Paul Renamed", locale: "" })).status).toBe(302);
    expect((await client.get("/account")).html).toContain("Votre profil est enregistré.");
    expect((await getDb().user.findUniqueOrThrow({ where: { id: user.id } })).locale).toBeNull();
  });

  it("changes the password only with the current one; the old one then fails and other sessions end", async () => {
    const server = await useTestServer();
    const user = await createUser();
    const client = await new PageClient(server).login(user.email);
    const otherDevice = await new PageClient(server).login(user.email);

    const wrong = await client.post("/account", { intent: "password", currentPassword: "not-my-password", password: "brand-new-secret" });
    expect(wrong.status).toBe(400);
    expect(wrong.html).toContain("Ce n’est pas votre mot de passe actuel.");
    expect(wrong.html).not.toContain("brand-new-secret");
    const short = await client.post("/account", { intent: "password", currentPassword: "comptoir-demo", password: "short" });
    expect(short.status).toBe(400);
    expect(short.html).toContain("Au moins 8 caractères.");

    const changed = await client.post("/account", { intent: "password", currentPassword: "comptoir-demo", password: "brand-new-secret" });
    expect(changed.status).toBe(302);
    const after = await client.get("/account");
    expect(after.status).toBe(200);
    expect(after.html).toContain("Votre mot de passe a été changé.");
    expect((await otherDevice.get("/account")).status).toBe(302);

    expect((await new PageClient(server).post("/login", { email: user.email, password: "comptoir-demo" })).status).toBe(401);
    expect((await new PageClient(server).post("/login", { email: user.email, password: "brand-new-secret" })).status).toBe(302);
  });
});

describe("changing the email address", () => {
  it("takes effect only after the link sent to the new address is followed, once", async () => {
    const server = await useTestServer();
    const user = await createUser({ email: "old.address@example.test" });
    const client = await new PageClient(server).login(user.email);

    const wrongPassword = await client.post("/account", { intent: "email", newEmail: "new.address@example.test", password: "nope-nope" });
    expect(wrongPassword.status).toBe(400);
    expect(wrongPassword.html).toContain("Ce n’est pas votre mot de passe actuel.");
    const taken = await client.post("/account", { intent: "email", newEmail: "sam@brasserie.test", password: "comptoir-demo" });
    expect(taken.status).toBe(400);
    expect(taken.html).toContain("Un compte utilise déjà cette adresse e-mail.");

    const asked = await client.post("/account", { intent: "email", newEmail: "New.Address@example.test", password: "comptoir-demo" });
    expect(asked.status).toBe(302);
    const page = await client.get("/account");
    expect(page.html).toContain("Nous avons envoyé un lien de confirmation à new.address@example.test.");
    expect(page.html).toContain("En attente de confirmation : new.address@example.test.");

    // Nothing changed yet: the old address still logs in, the new one does not.
    expect((await getDb().user.findUniqueOrThrow({ where: { id: user.id } })).email).toBe("old.address@example.test");
    expect((await new PageClient(server).post("/login", { email: "new.address@example.test", password: "comptoir-demo" })).status).toBe(
      401,
    );
    // The link goes to the new address only.
    expect(await outboxTo("old.address@example.test")).toHaveLength(0);
    const email = await lastEmailTo("new.address@example.test");
    expect(email.subject).toBe("Confirmez votre nouvelle adresse e-mail");
    const link = linkPath(email.text, "/confirm-email/");

    const confirmed = await client.get(link);
    expect(confirmed.status).toBe(302);
    expect(confirmed.location).toBe("/account");
    const after = await client.get("/account");
    expect(after.html).toContain("Votre adresse e-mail est désormais new.address@example.test.");
    expect(after.html).toContain("Adresse actuelle : new.address@example.test");
    expect(after.html).not.toContain("En attente de confirmation");
    expect((await new PageClient(server).post("/login", { email: "new.address@example.test", password: "comptoir-demo" })).status).toBe(
      302,
    );
    expect((await new PageClient(server).post("/login", { email: "old.address@example.test", password: "comptoir-demo" })).status).toBe(
      401,
    );

    const again = await new PageClient(server).get(link);
    expect(again.status).toBe(404);
    expect(again.html).toContain("Ce lien de confirmation a expiré ou a déjà servi.");
  });

  it("refuses an expired confirmation link", async () => {
    const server = await useTestServer();
    const user = await createUser({ email: "slow.confirmer@example.test" });
    const client = await new PageClient(server).login(user.email);
    await client.post("/account", { intent: "email", newEmail: "slow.new@example.test", password: "comptoir-demo" });
    const link = linkPath((await lastEmailTo("slow.new@example.test")).text, "/confirm-email/");
    await getDb().emailChange.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const res = await client.get(link);
    expect(res.status).toBe(404);
    expect(res.html).toContain("Ce lien de confirmation a expiré ou a déjà servi.");
    expect((await getDb().user.findUniqueOrThrow({ where: { id: user.id } })).email).toBe("slow.confirmer@example.test");
  });
});
