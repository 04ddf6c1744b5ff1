import { describe, expect, it } from "vitest";
import { getDb } from "~/utils/db.server";
import { hashToken } from "~/utils/tokens.server";
import { createOrganization, createUser } from "../factories";
import { lastEmailTo, linkPath, outboxTo } from "../setup/mail";
import { PageClient, useTestServer } from "../setup/http";

const MEMBERS = "/o/brasserie-du-pont/members";
const ROUTE = "routes/o.$org.members";
const DAY = 24 * 60 * 60_000;

async function membershipOf(email: string, slug: string) {
  return getDb().membership.findFirst({ where: { user: { email }, organization: { slug } } });
}

async function invite(client: PageClient, email: string, role: string, members = MEMBERS) {
  return client.post(members, { intent: "invite", email, role });
}

/** An organization with an owner, a manager and a sales member, each able to log in. */
async function teamOrg() {
  const owner = await createUser({ name: "Olivia Owner" });
  const manager = await createUser({ name: "Manon Manager" });
  const sales = await createUser({ name: "Simon Sales" });
  const org = await createOrganization({
    kind: "RETAILER",
    name: "Cave Team",
    members: [
      { userId: owner.id, role: "OWNER" },
      { userId: manager.id, role: "MANAGER" },
      { userId: sales.id, role: "SALES" },
    ],
  });
  const ids = async () => {
    const rows = await getDb().membership.findMany({ where: { organizationId: org.id } });
    const byUser = (id: string) => rows.find((r) => r.userId === id)!.id;
    return { owner: byUser(owner.id), manager: byUser(manager.id), sales: byUser(sales.id) };
  };
  return { org, owner, manager, sales, path: `/o/${org.slug}/members`, ids };
}

describe("members page", () => {
  it("lists the members with their email and role, and the invitation form for an owner", async () => {
    const server = await useTestServer();
    const alice = await new PageClient(server).login("alice@brasserie.test");
    const page = await alice.get(MEMBERS);
    expect(page.status).toBe(200);
    for (const text of ["Alice Dupont", "Sam Leroy", "sam@brasserie.test", "Anna Petit", "Inviter un membre", "Envoyer l’invitation"]) {
      expect(page.html).toContain(text);
    }
    const { body } = await alice.data(MEMBERS, ROUTE);
    expect(body.members.map((m: { name: string; role: string }) => [m.name, m.role])).toEqual([
      ["Alice Dupont", "OWNER"],
      ["Anna Petit", "ACCOUNTANT"],
      ["Sam Leroy", "SALES"],
    ]);
  });

  it("shows the list without any control to a member who may not manage members, and refuses their posts", async () => {
    const server = await useTestServer();
    const sam = await new PageClient(server).login("sam@brasserie.test");
    const page = await sam.get(MEMBERS);
    expect(page.status).toBe(200);
    expect(page.html).toContain("Alice Dupont");
    expect(page.html).toContain("Seuls les propriétaires et les responsables peuvent inviter");
    expect(page.html).not.toContain("Envoyer l’invitation");
    expect(page.html).not.toContain('name="intent"');
    const res = await invite(sam, "friend-of-sam@example.test", "OWNER");
    expect(res.status).toBe(403);
    expect(res.html).toContain("Vous n’avez pas le droit de faire cela.");
    expect(await getDb().memberInvitation.count({ where: { email: "friend-of-sam@example.test" } })).toBe(0);
    const anna = await membershipOf("anna@brasserie.test", "brasserie-du-pont");
    expect((await sam.post(MEMBERS, { intent: "remove", id: anna!.id })).status).toBe(403);
    expect(await membershipOf("anna@brasserie.test", "brasserie-du-pont")).not.toBeNull();
  });

  it("invites by email: a hashed single-use token valid 7 days, and an email with the link in the inviter's language", async () => {
    const server = await useTestServer();
    const alice = await new PageClient(server).login("alice@brasserie.test");
    const before = Date.now();
    const res = await invite(alice, "  New.Person@Example.test ", "SALES");
    expect(res.status).toBe(302);
    expect(res.location).toBe(MEMBERS);
    const page = await alice.get(MEMBERS);
    expect(page.html).toContain("Invitation envoyée à new.person@example.test.");
    expect(page.html).toContain("Invitations en attente");

    const email = await lastEmailTo("new.person@example.test");
    expect(email.subject).toBe("Alice Dupont vous invite à rejoindre Brasserie du Pont sur Comptoir");
    const link = linkPath(email.text, "/invitations/");
    const token = link.split("/").pop()!;
    const stored = await getDb().memberInvitation.findFirstOrThrow({ where: { email: "new.person@example.test" } });
    expect(stored.tokenHash).toBe(hashToken(token));
    expect(stored.tokenHash).not.toContain(token);
    expect(stored.role).toBe("SALES");
    expect(stored.expiresAt.getTime() - before).toBeGreaterThan(7 * DAY - 60_000);
    expect(stored.expiresAt.getTime() - before).toBeLessThan(7 * DAY + 60_000);

    const { body } = await alice.data(MEMBERS, ROUTE);
    expect(body.invitations).toEqual([
      expect.objectContaining({ email: "new.person@example.test", role: "SALES", invitedBy: "Alice Dupont" }),
    ]);
  });

  it("writes the invitation email in the invited person's language when they already have an account", async () => {
    const server = await useTestServer();
    await createUser({ email: "english.speaker@example.test", name: "Eve English", locale: "en" });
    const alice = await new PageClient(server).login("alice@brasserie.test");
    expect((await invite(alice, "english.speaker@example.test", "STAFF")).status).toBe(302);
    const email = await lastEmailTo("english.speaker@example.test");
    expect(email.subject).toBe("Alice Dupont invites you to join Brasserie du Pont on Comptoir");
    expect(email.text).toContain("Accept the invitation");
  });

  it("answers a field error when the address is already a member, and sends nothing", async () => {
    const server = await useTestServer();
    const alice = await new PageClient(server).login("alice@brasserie.test");
    const res = await invite(alice, "SAM@brasserie.test", "STAFF");
    expect(res.status).toBe(400);
    expect(res.html).toContain("Cette personne est déjà membre.");
    expect(res.html).toContain('value="SAM@brasserie.test"');
    expect(await outboxTo("sam@brasserie.test")).toHaveLength(0);
  });

  it("replaces a pending invitation to the same address, and withdraws one: its link stops working", async () => {
    const server = await useTestServer();
    const alice = await new PageClient(server).login("alice@brasserie.test");
    const visitor = new PageClient(server);
    await invite(alice, "twice@example.test", "STAFF");
    const first = linkPath((await lastEmailTo("twice@example.test")).text, "/invitations/");
    await invite(alice, "twice@example.test", "MANAGER");
    const second = linkPath((await lastEmailTo("twice@example.test")).text, "/invitations/");
    expect(second).not.toBe(first);
    expect((await visitor.get(first)).status).toBe(410);
    expect((await visitor.get(second)).status).toBe(200);
    const { body } = await alice.data(MEMBERS, ROUTE);
    const pending = body.invitations.filter((i: { email: string }) => i.email === "twice@example.test");
    expect(pending).toHaveLength(1);
    expect(pending[0].role).toBe("MANAGER");

    const res = await alice.post(MEMBERS, { intent: "revoke-invitation", id: pending[0].id });
    expect(res.status).toBe(302);
    expect((await alice.get(MEMBERS)).html).toContain("Invitation retirée.");
    const gone = await visitor.get(second);
    expect(gone.status).toBe(410);
    expect(gone.html).toContain("Cette invitation a expiré, a été retirée ou a déjà servi.");
  });

  it("keeps at least one owner: the only owner can neither step down nor leave", async () => {
    const server = await useTestServer();
    const alice = await new PageClient(server).login("alice@brasserie.test");
    const own = await membershipOf("alice@brasserie.test", "brasserie-du-pont");
    const demote = await alice.post(MEMBERS, { intent: "update-role", id: own!.id, role: "MANAGER" });
    expect(demote.status).toBe(409);
    expect(demote.html).toContain("Une organisation garde au moins un propriétaire.");
    const leave = await alice.post(MEMBERS, { intent: "remove", id: own!.id });
    expect(leave.status).toBe(409);
    expect(leave.html).toContain("Une organisation garde au moins un propriétaire.");
    expect((await membershipOf("alice@brasserie.test", "brasserie-du-pont"))!.role).toBe("OWNER");
  });

  it("lets an owner change roles (including a second owner who may then step down) and remove a member", async () => {
    const server = await useTestServer();
    const team = await teamOrg();
    const ids = await team.ids();
    const owner = await new PageClient(server).login(team.owner.email);

    const promote = await owner.post(team.path, { intent: "update-role", id: ids.manager, role: "OWNER" });
    expect(promote.status).toBe(302);
    expect((await owner.get(team.path)).html).toContain("Rôle mis à jour.");
    // Two owners now: the first may step down.
    expect((await owner.post(team.path, { intent: "update-role", id: ids.owner, role: "ACCOUNTANT" })).status).toBe(302);
    expect((await getDb().membership.findUniqueOrThrow({ where: { id: ids.owner } })).role).toBe("ACCOUNTANT");

    const manon = await new PageClient(server).login(team.manager.email);
    const removed = await manon.post(team.path, { intent: "remove", id: ids.sales });
    expect(removed.status).toBe(302);
    expect((await manon.get(team.path)).html).toContain("Simon Sales n’a plus accès.");
    const simon = await new PageClient(server).login(team.sales.email);
    expect((await simon.get(`/o/${team.org.slug}`)).status).toBe(404);
  });

  it("lets an owner leave when another owner remains", async () => {
    const server = await useTestServer();
    const team = await teamOrg();
    const ids = await team.ids();
    const owner = await new PageClient(server).login(team.owner.email);
    expect((await owner.post(team.path, { intent: "update-role", id: ids.manager, role: "OWNER" })).status).toBe(302);
    const leave = await owner.post(team.path, { intent: "remove", id: ids.owner });
    expect(leave.status).toBe(302);
    expect(leave.location).toBe("/");
    expect((await owner.get(`/o/${team.org.slug}`)).status).toBe(404);
    expect(await getDb().membership.count({ where: { organizationId: team.org.id, role: "OWNER" } })).toBe(1);
  });

  it("lets a manager manage other roles, but neither appoint an owner nor change or remove one", async () => {
    const server = await useTestServer();
    const team = await teamOrg();
    const ids = await team.ids();
    const manon = await new PageClient(server).login(team.manager.email);

    const { body } = await manon.data(team.path, ROUTE);
    expect(body.assignableRoles).not.toContain("OWNER");
    expect(body.members.find((m: { id: string }) => m.id === ids.owner).manageable).toBe(false);

    const inviteOwner = await invite(manon, "boss@example.test", "OWNER", team.path);
    expect(inviteOwner.status).toBe(400);
    expect(inviteOwner.html).toContain("Seul un propriétaire peut nommer un propriétaire");
    expect(await outboxTo("boss@example.test")).toHaveLength(0);

    const promote = await manon.post(team.path, { intent: "update-role", id: ids.sales, role: "OWNER" });
    expect(promote.status).toBe(403);
    const demoteOwner = await manon.post(team.path, { intent: "update-role", id: ids.owner, role: "STAFF" });
    expect(demoteOwner.status).toBe(403);
    const removeOwner = await manon.post(team.path, { intent: "remove", id: ids.owner });
    expect(removeOwner.status).toBe(403);
    expect((await getDb().membership.findUniqueOrThrow({ where: { id: ids.owner } })).role).toBe("OWNER");

    expect((await manon.post(team.path, { intent: "update-role", id: ids.sales, role: "ACCOUNTANT" })).status).toBe(302);
    expect((await getDb().membership.findUniqueOrThrow({ where: { id: ids.sales } })).role).toBe("ACCOUNTANT");
  });

  it("answers 404 for a member or an invitation of another organization, and changes nothing", async () => {
    const server = await useTestServer();
    const alice = await new PageClient(server).login("alice@brasserie.test");
    const marc = await membershipOf("marc@martin.test", "epicerie-martin");
    const role = await alice.post(MEMBERS, { intent: "update-role", id: marc!.id, role: "STAFF" });
    expect(role.status).toBe(404);
    expect((await alice.post(MEMBERS, { intent: "remove", id: marc!.id })).status).toBe(404);
    expect((await getDb().membership.findUniqueOrThrow({ where: { id: marc!.id } })).role).toBe("OWNER");

    const marcClient = await new PageClient(server).login("marc@martin.test");
    await invite(marcClient, "martin-helper@example.test", "STAFF", "/o/epicerie-martin/members");
    const foreign = await getDb().memberInvitation.findFirstOrThrow({ where: { email: "martin-helper@example.test" } });
    expect((await alice.post(MEMBERS, { intent: "revoke-invitation", id: foreign.id })).status).toBe(404);
    expect((await getDb().memberInvitation.findUniqueOrThrow({ where: { id: foreign.id } })).revokedAt).toBeNull();
    // And the members page of an organization one does not belong to does not exist.
    expect((await alice.get("/o/epicerie-martin/members")).status).toBe(404);
  });
});

describe("accepting an invitation (/invitations/:token)", () => {
  async function invitationFor(email: string, role = "ACCOUNTANT") {
    const server = await useTestServer();
    const alice = await new PageClient(server).login("alice@brasserie.test");
    expect((await invite(alice, email, role)).status).toBe(302);
    const path = linkPath((await lastEmailTo(email)).text, "/invitations/");
    return { server, path, token: path.split("/").pop()! };
  }

  it("shows the invitation to a visitor, with log-in and sign-up links that come back to it", async () => {
    const { server, path } = await invitationFor("visitor@example.test");
    const page = await new PageClient(server).get(path);
    expect(page.status).toBe(200);
    expect(page.html).toContain("Alice Dupont vous invite à rejoindre Brasserie du Pont avec le rôle « Comptable ».");
    const back = encodeURIComponent(path);
    expect(page.html).toContain(`href="/login?redirectTo=${back}"`);
    expect(page.html).toContain(`href="/signup?redirectTo=${back}&amp;email=visitor%40example.test"`);
    // Posting without a session leads to the log-in page, then back here.
    const post = await new PageClient(server).post(path, {});
    expect(post.status).toBe(302);
    expect(post.location).toBe(`/login?redirectTo=${back}`);
  });

  it("lets the invited account join once, with the invited role, then lands on the organization", async () => {
    const invited = await createUser({ email: "joiner@example.test", name: "Jo Joiner" });
    const { server, path } = await invitationFor(invited.email, "ACCOUNTANT");
    const jo = await new PageClient(server).login(invited.email);
    const page = await jo.get(path);
    expect(page.html).toContain("Rejoindre Brasserie du Pont");
    expect(page.html).toContain("Vous êtes connecté en tant que joiner@example.test.");

    const join = await jo.post(path, {});
    expect(join.status).toBe(302);
    expect(join.location).toBe("/o/brasserie-du-pont");
    const home = await jo.get("/o/brasserie-du-pont");
    expect(home.status).toBe(200);
    expect(home.html).toContain("Vous êtes maintenant membre de Brasserie du Pont.");
    expect((await membershipOf(invited.email, "brasserie-du-pont"))!.role).toBe("ACCOUNTANT");
    const stored = await getDb().memberInvitation.findFirstOrThrow({ where: { email: invited.email } });
    expect(stored.acceptedAt).not.toBeNull();

    const again = await jo.post(path, {});
    expect(again.status).toBe(404);
    expect(again.html).toContain("Cette invitation a expiré, a été retirée ou a déjà servi.");
    expect((await jo.get(path)).status).toBe(410);
    expect(await getDb().membership.count({ where: { userId: invited.id } })).toBe(1);
  });

  it("tells another logged-in account that the invitation is not theirs, and does not let it join", async () => {
    const { server, path } = await invitationFor("someone-else@example.test");
    const marc = await new PageClient(server).login("marc@martin.test");
    const page = await marc.get(path);
    expect(page.status).toBe(200);
    expect(page.html).toContain("Cette invitation a été envoyée à someone-else@example.test.");
    expect(page.html).toContain("Se déconnecter et utiliser un autre compte");
    const post = await marc.post(path, {});
    expect(post.status).toBe(403);
    expect(post.html).toContain("envoyée à une autre adresse e-mail");
    expect(await membershipOf("marc@martin.test", "brasserie-du-pont")).toBeNull();
    // "Use another account" logs out and comes back to the invitation.
    const out = await marc.post("/logout", { redirectTo: path });
    expect(out.location).toBe(path);
    expect((await marc.get(path)).html).toContain("Se connecter pour accepter");
  });

  it("refuses an expired invitation and an unknown link with a clear message", async () => {
    const invited = await createUser({ email: "late@example.test" });
    const { server, path, token } = await invitationFor(invited.email);
    await getDb().memberInvitation.update({ where: { tokenHash: hashToken(token) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const late = await new PageClient(server).login(invited.email);
    const page = await late.get(path);
    expect(page.status).toBe(410);
    expect(page.html).toContain("Invitation plus valable");
    expect(page.html).not.toContain("Brasserie du Pont");
    const post = await late.post(path, {});
    expect(post.status).toBe(404);
    expect(await membershipOf(invited.email, "brasserie-du-pont")).toBeNull();

    const unknown = await new PageClient(server).get("/invitations/not-a-real-token-at-all");
    expect(unknown.status).toBe(404);
    expect(unknown.html).toContain("Cette invitation a expiré, a été retirée ou a déjà servi.");
  });
});
