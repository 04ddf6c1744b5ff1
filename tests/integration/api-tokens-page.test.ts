import { describe, expect, it } from "vitest";
import { getDb } from "~/utils/db.server";
import { hashToken } from "~/utils/tokens.server";
import { createMember } from "../factories";
import { api, PageClient, useTestServer } from "../setup/http";

const TOKEN = /cpt_[A-Za-z0-9_-]{30,}/;

async function member(kind: "PRODUCER" | "RETAILER" = "RETAILER") {
  const server = await useTestServer();
  const { user, org } = await createMember(kind, "STAFF");
  const client = await new PageClient(server).login(user.email);
  return { server, user, org, client, page: `/o/${org.slug}/api-tokens` };
}

describe("API tokens page", () => {
  it("starts empty, with a way to create a token", async () => {
    const { client, page } = await member();
    const res = await client.get(page);
    expect(res.status).toBe(200);
    expect(res.html).toContain("Aucun jeton d’API pour l’instant");
    expect(res.html).toContain("Créer le jeton");
  });

  it("shows the new token exactly once; it works on the API, and the list then shows only its beginning", async () => {
    const { server, client, page, org, user } = await member();
    const created = await client.post(page, { intent: "create", name: "Export compta" });
    expect(created.status).toBe(200);
    expect(created.html).toContain("Jeton « Export compta » créé");
    expect(created.html).toContain("Copiez-le maintenant et conservez-le en lieu sûr : il ne sera plus affiché.");
    const token = TOKEN.exec(created.html)![0];

    // Only its hash is stored.
    const row = await getDb().apiToken.findFirstOrThrow({ where: { userId: user.id, organizationId: org.id } });
    expect(row.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(row)).not.toContain(token);

    const me = await api(server, "GET", "/api/v1/me", { token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ user: { email: user.email }, organization: { slug: org.slug }, role: "STAFF" });

    const list = await client.get(page);
    expect(list.html).not.toMatch(TOKEN);
    expect(list.html).toContain("Export compta");
    expect(list.html).toContain(`${token.slice(0, 10)}…`);
    expect(list.html).toContain("Actif");
    const { body } = await client.data(page, "routes/o.$org.api-tokens");
    expect(body.tokens).toHaveLength(1);
    expect(body.tokens[0].lastUsedAt).not.toBeNull();
    expect(body.tokens[0]).not.toHaveProperty("tokenHash");
  });

  it("needs a name", async () => {
    const { client, page } = await member();
    const res = await client.post(page, { intent: "create", name: "   " });
    expect(res.status).toBe(400);
    expect(res.html).toContain("Obligatoire.");
    expect(res.html).not.toMatch(TOKEN);
  });

  it("revokes a token: the API refuses it from then on and the list says so", async () => {
    const { server, client, page } = await member();
    const token = TOKEN.exec((await client.post(page, { intent: "create", name: "Script ERP" })).html)![0];
    const { body } = await client.data(page, "routes/o.$org.api-tokens");
    const revoked = await client.post(page, { intent: "revoke", id: body.tokens[0].id });
    expect(revoked.status).toBe(302);
    const list = await client.get(page);
    expect(list.html).toContain("Le jeton est révoqué");
    expect(list.html).toContain("Révoqué le");
    expect((await api(server, "GET", "/api/v1/me", { token })).status).toBe(401);
    // Revoking twice finds nothing to revoke.
    expect((await client.post(page, { intent: "revoke", id: body.tokens[0].id })).status).toBe(404);
  });

  it("lists only the user's own tokens for this organization; another user's token answers 404", async () => {
    const { server, client, page, org } = await member();
    const colleague = await createMember("RETAILER", "OWNER");
    await getDb().membership.create({ data: { userId: colleague.user.id, organizationId: org.id, role: "OWNER" } });
    const colleagueClient = await new PageClient(server).login(colleague.user.email);
    const theirs = TOKEN.exec((await colleagueClient.post(page, { intent: "create", name: "Jeton du collègue" })).html)![0];
    // The same person's token in another organization is not listed either.
    await colleagueClient.post(`/o/${colleague.org.slug}/api-tokens`, { intent: "create", name: "Autre organisation" });

    const mine = await client.get(page);
    expect(mine.html).not.toContain("Jeton du collègue");
    const colleagueList = await colleagueClient.data(page, "routes/o.$org.api-tokens");
    expect(colleagueList.body.tokens.map((t: { name: string }) => t.name)).toEqual(["Jeton du collègue"]);

    const res = await client.post(page, { intent: "revoke", id: colleagueList.body.tokens[0].id });
    expect(res.status).toBe(404);
    expect((await api(server, "GET", "/api/v1/me", { token: theirs })).status).toBe(200);
  });
});
