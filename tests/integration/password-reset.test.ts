import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseEml } from "~/modules/notify/dev-mail.server";
import { deliverOutbox, mailDir } from "~/modules/notify/outbox.server";
import { getDb } from "~/utils/db.server";
import { hashToken, randomToken } from "~/utils/tokens.server";
import { createUser } from "../factories";
import { lastEmailTo, linkPath, outboxTo } from "../setup/mail";
import { PageClient, useTestServer } from "../setup/http";

/** The delivered .eml files written to an address (SMTP_URL is unset in tests). */
function deliveredTo(address: string) {
  const dir = mailDir();
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".eml"))
    .map((f) => parseEml(fs.readFileSync(path.join(dir, f), "utf8")))
    .filter((m) => m.to === address);
}

describe("password reset by email", () => {
  it("mails a link that sets a new password once: the old password then fails and the new one works", async () => {
    const server = await useTestServer();
    const user = await createUser({ email: "forgetful@example.test" });
    const loggedIn = await new PageClient(server).login(user.email);

    const asked = await new PageClient(server).post("/forgot-password", { email: "Forgetful@Example.test" });
    expect(asked.status).toBe(200);
    expect(asked.html).toContain("Si un compte utilise cette adresse, un lien est en route.");

    const queued = await lastEmailTo("forgetful@example.test");
    expect(queued.subject).toBe("Réinitialisez votre mot de passe Comptoir");
    expect(queued.status).toBe("PENDING");
    const link = linkPath(queued.text, "/reset-password/");

    // The worker delivers it: as an .eml file carrying the same link.
    expect(await deliverOutbox()).toBeGreaterThanOrEqual(1);
    expect((await getDb().outboxEmail.findUniqueOrThrow({ where: { id: queued.id } })).status).toBe("SENT");
    const [delivered] = deliveredTo("forgetful@example.test");
    expect(delivered.subject).toBe("Réinitialisez votre mot de passe Comptoir");
    expect(linkPath(delivered.text!, "/reset-password/")).toBe(link);
    expect(delivered.html).toContain(`href="http://localhost:3000${link}"`);

    const visitor = new PageClient(server);
    const form = await visitor.get(link);
    expect(form.status).toBe(200);
    expect(form.html).toContain("Choisissez un nouveau mot de passe");
    expect(form.html).toContain('name="password"');

    const tooShort = await visitor.post(link, { password: "short" });
    expect(tooShort.status).toBe(400);
    expect(tooShort.html).toContain("Au moins 8 caractères.");

    const reset = await visitor.post(link, { password: "remembered-at-last" });
    expect(reset.status).toBe(302);
    expect(reset.location).toBe("/login");
    expect((await visitor.get("/login")).html).toContain("Votre mot de passe a été changé. Connectez-vous avec.");

    expect((await new PageClient(server).post("/login", { email: user.email, password: "comptoir-demo" })).status).toBe(401);
    expect((await new PageClient(server).post("/login", { email: user.email, password: "remembered-at-last" })).status).toBe(302);
    // Sessions opened with the old password are over.
    expect((await loggedIn.get("/account")).status).toBe(302);

    // The same link a second time is refused.
    const reopened = await visitor.get(link);
    expect(reopened.html).toContain("Ce lien a expiré ou a déjà servi. Demandez-en un nouveau.");
    expect(reopened.html).not.toContain('name="password"');
    const reused = await visitor.post(link, { password: "someone-elses-idea" });
    expect(reused.status).toBe(400);
    expect(reused.html).toContain("Ce lien a expiré ou a déjà servi.");
    expect((await new PageClient(server).post("/login", { email: user.email, password: "remembered-at-last" })).status).toBe(302);
  });

  it("answers the same for an unknown address, and mails nothing", async () => {
    const server = await useTestServer();
    const res = await new PageClient(server).post("/forgot-password", { email: "nobody-here@example.test" });
    expect(res.status).toBe(200);
    expect(res.html).toContain("Si un compte utilise cette adresse, un lien est en route.");
    expect(await outboxTo("nobody-here@example.test")).toHaveLength(0);
  });

  it("refuses an expired link and keeps the password", async () => {
    const server = await useTestServer();
    const user = await createUser({ email: "too-late@example.test" });
    const token = randomToken();
    await getDb().passwordReset.create({
      data: { userId: user.id, tokenHash: hashToken(token), expiresAt: new Date(Date.now() - 60_000) },
    });
    const client = new PageClient(server);
    const page = await client.get(`/reset-password/${token}`);
    expect(page.html).toContain("Ce lien a expiré ou a déjà servi. Demandez-en un nouveau.");
    const post = await client.post(`/reset-password/${token}`, { password: "never-applied-1" });
    expect(post.status).toBe(400);
    expect((await new PageClient(server).post("/login", { email: user.email, password: "never-applied-1" })).status).toBe(401);
    expect((await new PageClient(server).post("/login", { email: user.email, password: "comptoir-demo" })).status).toBe(302);
  });
});
