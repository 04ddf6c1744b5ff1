import { describe, expect, it } from "vitest";
import { getDb } from "~/utils/db.server";
import { createMember, createOrganization, createRelation, createUser } from "../factories";
import { api, apiToken, PageClient, useTestServer, type TestServer } from "../setup/http";

const LIST = "routes/o.$org.relations._index";
const DETAIL = "routes/o.$org.relations.$relationId";
const INVITATION = "routes/relation-invitations.$token";
const EN = { "Accept-Language": "en" };

type ListedRelation = {
  id: string;
  kind: string;
  status: string;
  viewedAs: string;
  invitedEmail: string | null;
  invitationExpired: boolean;
  producer: { slug: string; name: string };
  partner: { slug: string; name: string; kind: string } | null;
  customerGroup: { id: string; name: string; discountBps: number } | null;
  paymentTermsDays: number;
  rep: { slug: string } | null;
  defaultDistributor: { slug: string } | null;
  defaultDistribution: string;
  minOrderCents: number;
};

async function loggedIn(server: TestServer, email: string) {
  return new PageClient(server).login(email);
}

async function relationsOf(client: PageClient, org: string): Promise<ListedRelation[]> {
  const res = await client.data(`/o/${org}/relations`, LIST);
  expect(res.status).toBe(200);
  return res.body.relations;
}

/** A form post that answers the action's JSON (field errors) instead of the page. */
async function postForData(client: PageClient, path: string, routeId: string, fields: Record<string, string>) {
  const res = await client.post(`${path}?_data=${encodeURIComponent(routeId)}`, fields, EN);
  return { status: res.status, body: res.html ? JSON.parse(res.html) : null };
}

async function invitationToken(email: string): Promise<string> {
  const mail = await getDb().outboxEmail.findFirstOrThrow({ where: { to: email }, orderBy: { createdAt: "desc" } });
  const match = /\/relation-invitations\/([A-Za-z0-9_-]+)/.exec(mail.text);
  if (!match) throw new Error(`no invitation link in: ${mail.text}`);
  return match[1];
}

describe("invitation by email", () => {
  it("lets a new person sign up, create a retailer and accept; both sides then see the relation", async () => {
    const server = await useTestServer();
    const alice = await loggedIn(server, "alice@brasserie.test");

    const invite = await alice.post("/o/brasserie-du-pont/relations", { intent: "invite", kind: "RETAIL", email: "Claire@Cave-Neuve.test" });
    expect(invite.status).toBe(302);
    expect(invite.location).toBe("/o/brasserie-du-pont/relations?tab=RETAIL");

    const mail = await getDb().outboxEmail.findFirstOrThrow({ where: { to: "claire@cave-neuve.test" } });
    expect(mail.subject).toContain("Brasserie du Pont");
    expect(mail.text).toMatch(/http:\/\/localhost:3000\/relation-invitations\/[A-Za-z0-9_-]{20,}/);
    const token = await invitationToken("claire@cave-neuve.test");

    // The producer sees the invitation waiting; the API lists it only once an organization accepts it.
    const pending = (await relationsOf(alice, "brasserie-du-pont")).find((r) => r.invitedEmail === "claire@cave-neuve.test");
    expect(pending).toMatchObject({ kind: "RETAIL", status: "PENDING", partner: null, viewedAs: "producer" });
    const aliceToken = await apiToken(server, "alice@brasserie.test", "brasserie-du-pont");
    const before = await api(server, "GET", "/api/v1/relations", { token: aliceToken });
    expect(before.body.relations.map((r: { id: string }) => r.id)).not.toContain(pending!.id);

    // Logged out: the page explains and offers to log in or sign up, coming back here afterwards.
    const claire = new PageClient(server);
    const page = await claire.get(`/relation-invitations/${token}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain("Brasserie du Pont");
    const back = encodeURIComponent(`/relation-invitations/${token}`);
    expect(page.html).toContain(`/login?redirectTo=${back}`);
    expect(page.html).toContain(`/signup?redirectTo=${back}`);

    const signup = await claire.post("/signup", {
      name: "Claire Dubois",
      email: "claire@cave-neuve.test",
      password: "a-long-password",
      redirectTo: `/relation-invitations/${token}`,
    });
    expect(signup.status).toBe(302);
    expect(signup.location).toBe(`/relation-invitations/${token}`);

    // Logged in without an organization: nothing to choose yet, an offer to create one.
    const empty = await claire.data(`/relation-invitations/${token}`, INVITATION);
    expect(empty.body).toMatchObject({ state: "valid", loggedIn: true, candidates: [] });
    const withLink = await claire.get(`/relation-invitations/${token}`);
    expect(withLink.html).toContain(`/orgs/new?kind=RETAILER&amp;redirectTo=${back}`);

    const created = await claire.post("/orgs/new", {
      name: "La Cave Neuve",
      slug: "cave-neuve",
      kind: "RETAILER",
      locale: "fr-FR",
      currency: "EUR",
      redirectTo: `/relation-invitations/${token}`,
    });
    expect(created.status).toBe(302);
    expect(created.location).toBe(`/relation-invitations/${token}`);
    const choice = await claire.data(`/relation-invitations/${token}`, INVITATION);
    expect(choice.body.candidates).toEqual([expect.objectContaining({ slug: "cave-neuve", name: "La Cave Neuve", alreadyRelated: false })]);

    const accepted = await claire.post(`/relation-invitations/${token}`, { organization: "cave-neuve" });
    expect(accepted.status).toBe(302);
    expect(accepted.location).toBe(`/o/cave-neuve/relations/${pending!.id}`);

    // Both sides see it, active.
    const mine = await relationsOf(claire, "cave-neuve");
    expect(mine).toEqual([
      expect.objectContaining({ id: pending!.id, viewedAs: "partner", status: "ACTIVE", producer: expect.objectContaining({ slug: "brasserie-du-pont" }) }),
    ]);
    const producerSide = (await relationsOf(alice, "brasserie-du-pont")).find((r) => r.id === pending!.id);
    expect(producerSide).toMatchObject({ status: "ACTIVE", partner: { slug: "cave-neuve", name: "La Cave Neuve", kind: "RETAILER" } });
    const after = await api(server, "GET", "/api/v1/relations", { token: aliceToken });
    expect(after.body.relations).toContainEqual(
      expect.objectContaining({ id: pending!.id, kind: "RETAIL", status: "ACTIVE", partner: { id: expect.any(String), slug: "cave-neuve", name: "La Cave Neuve", kind: "RETAILER" } }),
    );
    const detail = await claire.get(`/o/cave-neuve/relations/${pending!.id}`);
    expect(detail.status).toBe(200);
    expect(detail.html).toContain("Brasserie du Pont");

    // Single use: the link no longer works.
    const reused = await claire.get(`/relation-invitations/${token}`);
    expect(reused.status).toBe(404);
    const again = await claire.post(`/relation-invitations/${token}`, { organization: "cave-neuve" });
    expect(again.status).toBe(404);
  });

  it("offers only the user's organizations of the right kind where they may answer, and refuses others", async () => {
    const server = await useTestServer();
    const alice = await loggedIn(server, "alice@brasserie.test");
    expect((await alice.post("/o/brasserie-du-pont/relations", { intent: "invite", kind: "DISTRIBUTION", email: "marc@martin.test" })).status).toBe(302);
    const token = await invitationToken("marc@martin.test");

    // Marc owns a retailer only: a distribution agreement cannot be accepted with it.
    const marc = await loggedIn(server, "marc@martin.test");
    const page = await marc.data(`/relation-invitations/${token}`, INVITATION);
    expect(page.body.candidates).toEqual([]);
    const refused = await postForData(marc, `/relation-invitations/${token}`, INVITATION, { organization: "epicerie-martin" });
    expect(refused.status).toBe(400);
    expect(refused.body.fieldErrors.organization).toBe("This organization is not a distributor.");
    const foreign = await postForData(marc, `/relation-invitations/${token}`, INVITATION, { organization: "distribution-nord" });
    expect(foreign.status).toBe(400);
    expect(foreign.body.fieldErrors.organization).toBe("Choose one of your organizations.");

    // Sophie is STAFF of a retailer: she may not accept for it.
    expect((await alice.post("/o/brasserie-du-pont/relations", { intent: "invite", kind: "RETAIL", email: "sophie@martin.test" })).status).toBe(302);
    const sophieToken = await invitationToken("sophie@martin.test");
    const sophie = await loggedIn(server, "sophie@martin.test");
    expect((await sophie.data(`/relation-invitations/${sophieToken}`, INVITATION)).body.candidates).toEqual([]);
    const staff = await postForData(sophie, `/relation-invitations/${sophieToken}`, INVITATION, { organization: "epicerie-martin" });
    expect(staff.status).toBe(400);
    expect(staff.body.fieldErrors.organization).toBe("Only an owner or a manager of this organization can accept.");

    // Marc's retailer already works with the brasserie: shown, but it cannot accept a second time.
    const marcRetail = await marc.data(`/relation-invitations/${sophieToken}`, INVITATION);
    expect(marcRetail.body.candidates).toEqual([expect.objectContaining({ slug: "epicerie-martin", alreadyRelated: true })]);
    const duplicate = await postForData(marc, `/relation-invitations/${sophieToken}`, INVITATION, { organization: "epicerie-martin" });
    expect(duplicate.status).toBe(400);
    expect(duplicate.body.fieldErrors.organization).toBe("This organization already works with this producer.");
  });

  it("says clearly when the invitation has expired (30 days)", async () => {
    const server = await useTestServer();
    const alice = await loggedIn(server, "alice@brasserie.test");
    expect((await alice.post("/o/brasserie-du-pont/relations", { intent: "invite", kind: "RETAIL", email: "late@example.test" })).status).toBe(302);
    const token = await invitationToken("late@example.test");
    await getDb().relation.updateMany({
      where: { invitedEmail: "late@example.test" },
      data: { createdAt: new Date(Date.now() - 31 * 24 * 60 * 60_000) },
    });
    const visitor = new PageClient(server);
    const page = await visitor.get(`/relation-invitations/${token}`);
    expect(page.status).toBe(410);
    expect(page.html).toContain("Invitation expirée");
    expect(page.html).toContain("Brasserie du Pont");
    const { user, org } = await createMember("RETAILER");
    const late = await loggedIn(server, user.email);
    const accept = await late.post(`/relation-invitations/${token}`, { organization: org.slug });
    expect(accept.status).toBe(409);
    // The producer sees it as expired.
    const listed = (await relationsOf(alice, "brasserie-du-pont")).find((r) => r.invitedEmail === "late@example.test");
    expect(listed).toMatchObject({ status: "PENDING", invitationExpired: true });
  });

  it("answers an unknown link with a 404 page", async () => {
    const server = await useTestServer();
    const res = await new PageClient(server).get("/relation-invitations/not-a-real-token");
    expect(res.status).toBe(404);
    expect(res.html).toContain("Invitation indisponible");
  });
});

describe("linking an organization already on Comptoir", () => {
  it("lets the partner's owner decline, then accept a new invitation; staff may not answer", async () => {
    const server = await useTestServer();
    const owner = await createUser({ name: "Olga Owner" });
    const staffUser = await createUser({ name: "Steve Staff" });
    const shop = await createOrganization({
      kind: "RETAILER",
      name: "Comptoir des Halles",
      members: [
        { userId: owner.id, role: "OWNER" },
        { userId: staffUser.id, role: "STAFF" },
      ],
    });
    const sam = await loggedIn(server, "sam@brasserie.test"); // SALES may invite
    const invited = await sam.post("/o/brasserie-du-pont/relations", { intent: "invite", kind: "RETAIL", slug: shop.slug });
    expect(invited.status).toBe(302);

    const olga = await loggedIn(server, owner.email);
    const [pending] = await relationsOf(olga, shop.slug);
    expect(pending).toMatchObject({ status: "PENDING", viewedAs: "partner", producer: { slug: "brasserie-du-pont" } });
    const listPage = await olga.get(`/o/${shop.slug}/relations`);
    expect(listPage.html).toContain("Brasserie du Pont");
    expect(listPage.html).toMatch(/name="intent" value="accept"/);

    const steve = await loggedIn(server, staffUser.email);
    const staffAnswer = await postForData(steve, `/o/${shop.slug}/relations`, LIST, { intent: "accept", relationId: pending.id });
    expect(staffAnswer.status).toBe(403);

    const declined = await olga.post(`/o/${shop.slug}/relations`, { intent: "decline", relationId: pending.id });
    expect(declined.status).toBe(302);
    const alice = await loggedIn(server, "alice@brasserie.test");
    expect((await relationsOf(alice, "brasserie-du-pont")).find((r) => r.id === pending.id)).toMatchObject({ status: "DECLINED" });
    const twice = await postForData(olga, `/o/${shop.slug}/relations`, LIST, { intent: "accept", relationId: pending.id });
    expect(twice.status).toBe(409);

    // Asked again: the same relation is pending again; accepted from the relation's page.
    expect((await alice.post("/o/brasserie-du-pont/relations", { intent: "invite", kind: "RETAIL", slug: shop.slug })).status).toBe(302);
    expect((await relationsOf(olga, shop.slug))[0]).toMatchObject({ id: pending.id, status: "PENDING" });
    const accepted = await olga.post(`/o/${shop.slug}/relations/${pending.id}`, { intent: "accept" });
    expect(accepted.status).toBe(302);
    expect((await relationsOf(olga, shop.slug))[0]).toMatchObject({ id: pending.id, status: "ACTIVE" });
    const token = await apiToken(server, owner.email, shop.slug);
    const listed = await api(server, "GET", "/api/v1/relations", { token });
    expect(listed.body.relations).toEqual([
      expect.objectContaining({ id: pending.id, kind: "RETAIL", status: "ACTIVE", producer: expect.objectContaining({ slug: "brasserie-du-pont" }) }),
    ]);
  });

  it("refuses a wrong kind, a duplicate, itself, an unknown address and a form without a partner, naming the field", async () => {
    const server = await useTestServer();
    const alice = await loggedIn(server, "alice@brasserie.test");
    const invite = (fields: Record<string, string>) => postForData(alice, "/o/brasserie-du-pont/relations", LIST, { intent: "invite", ...fields });

    const wrongKind = await invite({ kind: "RETAIL", slug: "distribution-nord" });
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body.fieldErrors).toEqual({ slug: "This organization is not a retailer." });
    expect((await invite({ kind: "REPRESENTATION", slug: "cafe-central" })).body.fieldErrors.slug).toBe("This organization is not a rep agency.");
    expect((await invite({ kind: "RETAIL", slug: "epicerie-martin" })).body.fieldErrors.slug).toBe("You already work with this organization.");
    expect((await invite({ kind: "DISTRIBUTION", slug: "distribution-nord" })).body.fieldErrors.slug).toBe("You already work with this organization.");
    expect((await invite({ kind: "RETAIL", slug: "brasserie-du-pont" })).body.fieldErrors.slug).toBe("An organization cannot have a relation with itself.");
    expect((await invite({ kind: "RETAIL", slug: "no-such-shop" })).body.fieldErrors.slug).toBe("No organization has this address on Comptoir.");
    const nothing = await invite({ kind: "RETAIL", email: "", slug: "" });
    expect(nothing.status).toBe(400);
    expect(nothing.body.fieldErrors.email).toBe("Enter an email address or the address of an organization.");
    expect((await invite({ kind: "RETAIL", email: "a@b.test", slug: "cafe-central" })).body.fieldErrors.slug).toBe(
      "Enter an email address or an organization, not both.",
    );
    expect((await invite({ kind: "RETAIL", email: "not-an-email" })).body.fieldErrors.email).toBe("Enter a valid email address.");
    expect((await invite({ kind: "PARTNER", email: "x@y.test" })).body.fieldErrors.kind).toBe("Choose who you invite.");

    expect((await invite({ kind: "RETAIL", email: "twice@example.test" })).status).toBe(204); // a redirect, answered as data
    const twice = await invite({ kind: "RETAIL", email: "twice@example.test" });
    expect(twice.status).toBe(400);
    expect(twice.body.fieldErrors.email).toBe("An invitation is already waiting for this address.");
    expect(await getDb().outboxEmail.count({ where: { to: "twice@example.test" } })).toBe(1);

    // An accountant may not invite; a retailer may not invite.
    const anna = await loggedIn(server, "anna@brasserie.test");
    expect((await postForData(anna, "/o/brasserie-du-pont/relations", LIST, { intent: "invite", kind: "RETAIL", email: "c@d.test" })).status).toBe(403);
    const marc = await loggedIn(server, "marc@martin.test");
    expect((await postForData(marc, "/o/epicerie-martin/relations", LIST, { intent: "invite", kind: "RETAIL", email: "c@d.test" })).status).toBe(403);
  });
});

describe("relation settings (producer side)", () => {
  async function martinRelation(alice: PageClient) {
    const relation = (await relationsOf(alice, "brasserie-du-pont")).find((r) => r.partner?.slug === "epicerie-martin");
    if (!relation) throw new Error("seed relation missing");
    return relation;
  }

  it("shows the partner's page with its terms and saves valid settings", async () => {
    const server = await useTestServer();
    const alice = await loggedIn(server, "alice@brasserie.test");
    const relation = await martinRelation(alice);
    const page = await alice.data(`/o/brasserie-du-pont/relations/${relation.id}`, DETAIL);
    expect(page.status).toBe(200);
    expect(page.body.editable).toBe(true);
    expect(page.body.relation).toMatchObject({
      paymentTermsDays: 30,
      customerGroup: { name: "Épiceries fines", discountBps: 500 },
      rep: { slug: "agence-rep" },
      defaultDistributor: { slug: "distribution-nord" },
      defaultDistribution: "DISTRIBUTOR",
      minOrderCents: 15_000,
      partnerContact: { email: "marc@martin.test", address: "25 rue Nationale, 59000 Lille" },
    });
    expect(page.body.options.groups.map((g: { name: string }) => g.name)).toEqual(["CHR", "Épiceries fines"]);
    expect(page.body.options.reps.map((o: { slug: string }) => o.slug)).toEqual(["agence-rep"]);
    expect(page.body.options.distributors.map((o: { slug: string }) => o.slug)).toEqual(["distribution-nord"]);

    const html = (await alice.get(`/o/brasserie-du-pont/relations/${relation.id}`)).html;
    expect(html).toContain("Épicerie Martin");
    expect(html).toContain('value="150,00"'); // minimum order typed the French way
    expect(html).toMatch(/Épiceries fines \(remise de 5\s%\)/u);

    const chr = page.body.options.groups.find((g: { name: string }) => g.name === "CHR");
    const saved = await alice.post(`/o/brasserie-du-pont/relations/${relation.id}`, {
      intent: "settings",
      paymentTermsDays: "45",
      customerGroupId: chr.id,
      repId: relation.rep ? page.body.relation.rep.id : "",
      defaultDistributorId: page.body.relation.defaultDistributor.id,
      defaultDistribution: "SHIPPED",
      minOrder: "200,50",
    });
    expect(saved.status).toBe(302);
    const after = (await alice.data(`/o/brasserie-du-pont/relations/${relation.id}`, DETAIL)).body.relation;
    expect(after).toMatchObject({ paymentTermsDays: 45, customerGroup: { name: "CHR" }, defaultDistribution: "SHIPPED", minOrderCents: 20_050 });

    // The retailer reads its own terms, money formatted for its organization.
    const marc = await loggedIn(server, "marc@martin.test");
    const own = await marc.data(`/o/epicerie-martin/relations/${relation.id}`, DETAIL);
    expect(own.body.editable).toBe(false);
    expect(own.body.options).toBeNull();
    expect(own.body.relation).toMatchObject({ viewedAs: "partner", paymentTermsDays: 45, minOrderCents: 20_050 });
    const ownHtml = (await marc.get(`/o/epicerie-martin/relations/${relation.id}`)).html;
    expect(ownHtml).toMatch(/200,50\s€/u);
    expect(ownHtml).not.toContain('name="intent" value="settings"');

    // Restore the demo terms for the other tests.
    const fines = page.body.options.groups.find((g: { name: string }) => g.name === "Épiceries fines");
    expect(
      (
        await alice.post(`/o/brasserie-du-pont/relations/${relation.id}`, {
          intent: "settings",
          paymentTermsDays: "30",
          customerGroupId: fines.id,
          repId: page.body.relation.rep.id,
          defaultDistributorId: page.body.relation.defaultDistributor.id,
          defaultDistribution: "DISTRIBUTOR",
          minOrder: "150",
        })
      ).status,
    ).toBe(302);
  });

  it("answers 400 with field errors and changes nothing on bad settings", async () => {
    const server = await useTestServer();
    const alice = await loggedIn(server, "alice@brasserie.test");
    const relation = await martinRelation(alice);
    const cafe = (await relationsOf(alice, "brasserie-du-pont")).find((r) => r.partner?.slug === "cafe-central")!;
    const cafeOrg = await getDb().organization.findUniqueOrThrow({ where: { slug: "cafe-central" } });
    const res = await postForData(alice, `/o/brasserie-du-pont/relations/${relation.id}`, DETAIL, {
      intent: "settings",
      paymentTermsDays: "400",
      customerGroupId: "",
      repId: cafeOrg.id, // a retailer, not an active rep
      defaultDistributorId: "",
      defaultDistribution: "DISTRIBUTOR",
      minOrder: "douze",
    });
    expect(res.status).toBe(400);
    // Every field error at once, next to its input.
    expect(res.body.fieldErrors).toEqual({
      paymentTermsDays: "A whole number of days from 0 to 365.",
      minOrder: "Enter an amount such as 150 or 150.50.",
      defaultDistributorId: "Choose the default distributor for distribution through a distributor.",
    });
    expect(res.body.values).toMatchObject({ paymentTermsDays: "400", minOrder: "douze" });
    const negative = await postForData(alice, `/o/brasserie-du-pont/relations/${relation.id}`, DETAIL, {
      intent: "settings",
      paymentTermsDays: "30",
      customerGroupId: "",
      repId: "",
      defaultDistributorId: "",
      defaultDistribution: "SELF",
      minOrder: "-5",
    });
    expect(negative.status).toBe(400);
    expect(negative.body.fieldErrors).toEqual({ minOrder: "Enter an amount such as 150 or 150.50." });
    const business = await postForData(alice, `/o/brasserie-du-pont/relations/${cafe.id}`, DETAIL, {
      intent: "settings",
      paymentTermsDays: "30",
      customerGroupId: "",
      repId: cafeOrg.id,
      defaultDistributorId: "",
      defaultDistribution: "SELF",
      minOrder: "",
    });
    expect(business.status).toBe(400);
    expect(business.body.fieldErrors).toEqual({ repId: "Choose a rep agency with an active relation." });
    const unchanged = (await alice.data(`/o/brasserie-du-pont/relations/${relation.id}`, DETAIL)).body.relation;
    expect(unchanged).toMatchObject({ paymentTermsDays: 30, minOrderCents: 15_000, customerGroup: { name: "Épiceries fines" } });

    // Another producer's customer group is a foreign id: 404.
    const aurora = await getDb().customerGroup.findFirstOrThrow({ where: { producer: { slug: "boulangerie-aurore" } } });
    const foreignGroup = await postForData(alice, `/o/brasserie-du-pont/relations/${cafe.id}`, DETAIL, {
      intent: "settings",
      paymentTermsDays: "30",
      customerGroupId: aurora.id,
      defaultDistribution: "SELF",
    });
    expect(foreignGroup.status).toBe(404);

    // A distribution agreement only has payment terms.
    const nord = (await relationsOf(alice, "brasserie-du-pont")).find((r) => r.kind === "DISTRIBUTION" && r.partner?.slug === "distribution-nord")!;
    expect((await alice.post(`/o/brasserie-du-pont/relations/${nord.id}`, { intent: "settings", paymentTermsDays: "60" })).status).toBe(302);
    expect((await alice.data(`/o/brasserie-du-pont/relations/${nord.id}`, DETAIL)).body.relation.paymentTermsDays).toBe(60);
    expect((await postForData(alice, `/o/brasserie-du-pont/relations/${nord.id}`, DETAIL, { intent: "settings", paymentTermsDays: "" })).body.fieldErrors).toEqual({
      paymentTermsDays: "A whole number of days from 0 to 365.",
    });
  });

  it("answers 403 to roles and partners that may not change settings, 404 to another producer", async () => {
    const server = await useTestServer();
    const alice = await loggedIn(server, "alice@brasserie.test");
    const relation = await martinRelation(alice);
    const settings = { intent: "settings", paymentTermsDays: "90", defaultDistribution: "SELF", minOrder: "" };

    const anna = await loggedIn(server, "anna@brasserie.test"); // ACCOUNTANT
    const readOnly = await anna.data(`/o/brasserie-du-pont/relations/${relation.id}`, DETAIL);
    expect(readOnly.body.editable).toBe(false);
    expect((await postForData(anna, `/o/brasserie-du-pont/relations/${relation.id}`, DETAIL, settings)).status).toBe(403);
    expect((await postForData(anna, `/o/brasserie-du-pont/relations/${relation.id}`, DETAIL, { intent: "end" })).status).toBe(403);

    const marc = await loggedIn(server, "marc@martin.test"); // the retailer itself
    expect((await postForData(marc, `/o/epicerie-martin/relations/${relation.id}`, DETAIL, settings)).status).toBe(403);
    const sophie = await loggedIn(server, "sophie@martin.test"); // STAFF of the retailer: reads, changes nothing
    expect((await sophie.data(`/o/epicerie-martin/relations/${relation.id}`, DETAIL)).status).toBe(200);
    expect((await postForData(sophie, `/o/epicerie-martin/relations/${relation.id}`, DETAIL, settings)).status).toBe(403);

    const bruno = await loggedIn(server, "bruno@aurore.test"); // another producer
    expect((await bruno.data(`/o/boulangerie-aurore/relations/${relation.id}`, DETAIL)).status).toBe(404);
    expect((await postForData(bruno, `/o/boulangerie-aurore/relations/${relation.id}`, DETAIL, settings)).status).toBe(404);
    expect((await postForData(bruno, `/o/boulangerie-aurore/relations/${relation.id}`, DETAIL, { intent: "end" })).status).toBe(404);

    // A retailer never opens another retailer's relation.
    const cafe = (await relationsOf(alice, "brasserie-du-pont")).find((r) => r.partner?.slug === "cafe-central")!;
    expect((await marc.data(`/o/epicerie-martin/relations/${cafe.id}`, DETAIL)).status).toBe(404);

    expect((await alice.data(`/o/brasserie-du-pont/relations/${relation.id}`, DETAIL)).body.relation.paymentTermsDays).toBe(30);
  });
});

describe("who sees which relations", () => {
  it("lists per side in the API: a retailer sees only its own, bistro-gare no brasserie relation", async () => {
    const server = await useTestServer();
    const marc = await api(server, "GET", "/api/v1/relations", { token: await apiToken(server, "marc@martin.test", "epicerie-martin") });
    expect(marc.status).toBe(200);
    expect(marc.body.relations).toHaveLength(1);
    expect(marc.body.relations[0]).toMatchObject({
      kind: "RETAIL",
      status: "ACTIVE",
      producer: { slug: "brasserie-du-pont", name: "Brasserie du Pont" },
      partner: { slug: "epicerie-martin", name: "Épicerie Martin", kind: "RETAILER" },
      customerGroup: { name: "Épiceries fines", discountBps: 500 },
      paymentTermsDays: 30,
      minOrderCents: 15_000,
    });
    expect(Object.keys(marc.body.relations[0].producer).sort()).toEqual(["id", "name", "slug"]);

    const gaston = await api(server, "GET", "/api/v1/relations", { token: await apiToken(server, "gaston@gare.test", "bistro-gare") });
    expect(gaston.body.relations.map((r: ListedRelation) => r.producer.slug)).toEqual(["boulangerie-aurore"]);

    const chloe = await api(server, "GET", "/api/v1/relations", { token: await apiToken(server, "chloe@central.test", "cafe-central") });
    expect(chloe.body.relations.map((r: ListedRelation) => r.producer.slug).sort()).toEqual(["boulangerie-aurore", "brasserie-du-pont"]);
    expect(chloe.body.relations.every((r: ListedRelation) => r.partner?.slug === "cafe-central")).toBe(true);

    const aliceToken = await apiToken(server, "alice@brasserie.test", "brasserie-du-pont");
    const retail = await api(server, "GET", "/api/v1/relations?kind=RETAIL&status=ACTIVE", { token: aliceToken });
    const partners = retail.body.relations.map((r: ListedRelation) => r.partner?.slug);
    expect(partners).toEqual(expect.arrayContaining(["epicerie-martin", "cafe-central"]));
    expect(retail.body.relations.every((r: ListedRelation) => r.kind === "RETAIL" && r.status === "ACTIVE" && r.producer.slug === "brasserie-du-pont")).toBe(true);

    const bad = await api(server, "GET", "/api/v1/relations?kind=FRIENDS", { token: aliceToken });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("validation_failed");
    expect(Object.keys(bad.body.error.details.fields)).toEqual(["kind"]);
    expect((await api(server, "GET", "/api/v1/relations")).status).toBe(401);

    const doc = await api(server, "GET", "/api/v1/openapi.json");
    const op = doc.body.paths["/api/v1/relations"].get;
    expect(op.parameters.map((p: { name: string }) => p.name)).toEqual(["kind", "status"]);
    expect(op.responses["200"].content["application/json"].schema.properties.relations).toBeDefined();
  });

  it("shows a rep and a distributor the customers they serve, read-only, and nothing else", async () => {
    const server = await useTestServer();
    const rita = await api(server, "GET", "/api/v1/relations", { token: await apiToken(server, "rita@rep.test", "agence-rep") });
    const ritaView = rita.body.relations.map((r: ListedRelation) => [r.kind, r.viewedAs, r.partner?.slug]);
    expect(ritaView).toEqual(
      expect.arrayContaining([
        ["REPRESENTATION", "partner", "agence-rep"],
        ["RETAIL", "rep", "epicerie-martin"],
      ]),
    );
    expect(ritaView).toHaveLength(2); // not Café Central, which has no rep

    const dan = await api(server, "GET", "/api/v1/relations", { token: await apiToken(server, "dan@nord.test", "distribution-nord") });
    expect(dan.body.relations.map((r: ListedRelation) => [r.kind, r.viewedAs, r.partner?.slug])).toEqual(
      expect.arrayContaining([
        ["DISTRIBUTION", "partner", "distribution-nord"],
        ["RETAIL", "distributor", "epicerie-martin"],
      ]),
    );

    const page = await loggedIn(server, "rita@rep.test");
    const listed = await relationsOf(page, "agence-rep");
    const served = listed.find((r) => r.viewedAs === "rep")!;
    expect(served.partner?.slug).toBe("epicerie-martin");
    const html = (await page.get("/o/agence-rep/relations")).html;
    expect(html).toContain("Clients que je sers");
    expect(html).toContain("Épicerie Martin");
    expect(html).not.toContain("Café Central");

    const detail = await page.data(`/o/agence-rep/relations/${served.id}`, DETAIL);
    expect(detail.status).toBe(200);
    expect(detail.body.editable).toBe(false);
    expect(detail.body.relation).toMatchObject({ viewedAs: "rep", customerGroup: { name: "Épiceries fines" }, minOrderCents: 15_000 });
    expect((await postForData(page, `/o/agence-rep/relations/${served.id}`, DETAIL, { intent: "settings", paymentTermsDays: "1" })).status).toBe(403);

    const alice = await loggedIn(server, "alice@brasserie.test");
    const cafe = (await relationsOf(alice, "brasserie-du-pont")).find((r) => r.partner?.slug === "cafe-central")!;
    expect((await page.data(`/o/agence-rep/relations/${cafe.id}`, DETAIL)).status).toBe(404);
  });

  it("shows each kind its sections and empty states", async () => {
    const server = await useTestServer();
    const { user, org } = await createMember("DISTRIBUTOR");
    const fresh = await loggedIn(server, user.email);
    const html = (await fresh.get(`/o/${org.slug}/relations`)).html;
    expect(html).toContain("Pas encore de producteur");
    expect(html).toContain("Aucun client ne vous est encore confié");

    const producer = await createMember("PRODUCER");
    const empty = await loggedIn(server, producer.user.email);
    const producerHtml = (await empty.get(`/o/${producer.org.slug}/relations?tab=REPRESENTATION`)).html;
    expect(producerHtml).toContain("Pas encore d’agent");
    expect(producerHtml).toContain("Inviter un partenaire");
  });
});

describe("ending a relation", () => {
  it("ends a rep's relation and takes the rep off the customers it served; withdraws a pending invitation", async () => {
    const server = await useTestServer();
    const { user: producerUser, org: producer } = await createMember("PRODUCER");
    const { user: repUser, org: rep } = await createMember("REP_AGENCY");
    const { user: distUser, org: distributor } = await createMember("DISTRIBUTOR");
    const { org: shop } = await createMember("RETAILER");
    const repRelation = await createRelation({ producerId: producer.id, partnerId: rep.id, kind: "REPRESENTATION" });
    const distRelation = await createRelation({ producerId: producer.id, partnerId: distributor.id, kind: "DISTRIBUTION" });
    const customer = await createRelation({
      producerId: producer.id,
      partnerId: shop.id,
      kind: "RETAIL",
      repId: rep.id,
      defaultDistributorId: distributor.id,
      defaultDistribution: "DISTRIBUTOR",
    });
    const owner = await loggedIn(server, producerUser.email);
    const repClient = await loggedIn(server, repUser.email);
    expect((await relationsOf(repClient, rep.slug)).some((r) => r.id === customer.id)).toBe(true);

    expect((await owner.post(`/o/${producer.slug}/relations/${repRelation.id}`, { intent: "end" })).status).toBe(302);
    expect((await owner.post(`/o/${producer.slug}/relations/${distRelation.id}`, { intent: "end" })).status).toBe(302);
    const after = (await owner.data(`/o/${producer.slug}/relations/${customer.id}`, DETAIL)).body.relation;
    expect(after).toMatchObject({ rep: null, defaultDistributor: null, defaultDistribution: "SELF" });
    const repNow = await relationsOf(repClient, rep.slug);
    expect(repNow).toEqual([expect.objectContaining({ id: repRelation.id, status: "ENDED" })]);
    const distClient = await loggedIn(server, distUser.email);
    expect((await distClient.data(`/o/${distributor.slug}/relations/${customer.id}`, DETAIL)).status).toBe(404);
    // Ended: no settings any more, and it cannot be ended twice.
    expect((await postForData(owner, `/o/${producer.slug}/relations/${repRelation.id}`, DETAIL, { intent: "end" })).status).toBe(409);

    // A pending email invitation is withdrawn: its link stops working.
    expect((await owner.post(`/o/${producer.slug}/relations`, { intent: "invite", kind: "RETAIL", email: "withdrawn@example.test" })).status).toBe(302);
    const token = await invitationToken("withdrawn@example.test");
    const invitation = (await relationsOf(owner, producer.slug)).find((r) => r.invitedEmail === "withdrawn@example.test")!;
    expect((await owner.post(`/o/${producer.slug}/relations`, { intent: "withdraw", relationId: invitation.id, tab: "RETAIL" })).status).toBe(302);
    expect((await new PageClient(server).get(`/relation-invitations/${token}`)).status).toBe(404);
  });
});
