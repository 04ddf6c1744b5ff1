import { describe, expect, it } from "vitest";
import { getDb } from "~/utils/db.server";
import { lastEmailTo, linkPath } from "../setup/mail";
import { PageClient, useTestServer } from "../setup/http";

describe("from sign-up to a team", () => {
  it("signs up, creates an organization as its owner, invites a colleague who signs up from the link and joins with the invited role", async () => {
    const server = await useTestServer();

    // 1. The founder signs up and is sent to create an organization.
    const founder = new PageClient(server);
    const signup = await founder.post("/signup", {
      name: "Fanny Fondatrice",
      email: "fanny@torrefaction.test",
      password: "un-bon-mot-de-passe",
    });
    expect(signup.status).toBe(302);
    expect(signup.location).toBe("/orgs/new");
    expect((await founder.get("/orgs/new")).status).toBe(200);

    // 2. The organization is created with the founder as OWNER.
    const created = await founder.post("/orgs/new", {
      name: "Torréfaction Fanny",
      slug: "torrefaction-fanny",
      kind: "PRODUCER",
      locale: "fr-FR",
      currency: "EUR",
    });
    expect(created.status).toBe(302);
    expect(created.location).toBe("/o/torrefaction-fanny");
    const home = await founder.get("/o/torrefaction-fanny");
    expect(home.status).toBe(200);
    expect(home.html).toContain("Torréfaction Fanny est prête.");
    const ownership = await getDb().membership.findFirstOrThrow({
      where: { user: { email: "fanny@torrefaction.test" }, organization: { slug: "torrefaction-fanny" } },
    });
    expect(ownership.role).toBe("OWNER");

    // 3. She invites a colleague as SALES.
    const invited = await founder.post("/o/torrefaction-fanny/members", {
      intent: "invite",
      email: "gilles@torrefaction.test",
      role: "SALES",
    });
    expect(invited.status).toBe(302);
    const email = await lastEmailTo("gilles@torrefaction.test");
    expect(email.subject).toBe("Fanny Fondatrice vous invite à rejoindre Torréfaction Fanny sur Comptoir");
    const invitation = linkPath(email.text, "/invitations/");

    // 4. The colleague opens the link, follows "create my account" with the address prefilled…
    const colleague = new PageClient(server);
    const page = await colleague.get(invitation);
    expect(page.status).toBe(200);
    const signupHref = /href="(\/signup\?[^"]+)"/.exec(page.html)![1].replace(/&amp;/g, "&");
    const signupPage = await colleague.get(signupHref);
    expect(signupPage.status).toBe(200);
    expect(signupPage.html).toContain('value="gilles@torrefaction.test"');
    const redirectTo = new URL(signupHref, server.baseUrl).searchParams.get("redirectTo")!;
    expect(redirectTo).toBe(invitation);

    // …signs up, comes back to the invitation, and joins.
    const colleagueSignup = await colleague.post("/signup", {
      name: "Gilles Grain",
      email: "gilles@torrefaction.test",
      password: "cafe-cafe-cafe",
      redirectTo,
    });
    expect(colleagueSignup.status).toBe(302);
    expect(colleagueSignup.location).toBe(invitation);
    expect((await colleague.get(invitation)).html).toContain("Rejoindre Torréfaction Fanny");
    const join = await colleague.post(invitation, {});
    expect(join.status).toBe(302);
    expect(join.location).toBe("/o/torrefaction-fanny");
    expect((await colleague.get("/o/torrefaction-fanny")).html).toContain("Vous êtes maintenant membre de Torréfaction Fanny.");

    // 5. Both see each other with the right roles.
    const { body } = await founder.data("/o/torrefaction-fanny/members", "routes/o.$org.members");
    expect(body.members.map((m: { email: string; role: string }) => [m.email, m.role])).toEqual([
      ["fanny@torrefaction.test", "OWNER"],
      ["gilles@torrefaction.test", "SALES"],
    ]);
    expect(body.invitations).toEqual([]);
  });
});
