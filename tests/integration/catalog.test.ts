import { describe, expect, it } from "vitest";
import { createCustomerGroup, createOrganization, createRelation } from "../factories";
import { getDb } from "~/utils/db.server";
import { api, apiToken, PageClient, useTestServer, type TestServer } from "../setup/http";

const BRASSERIE = "/o/brasserie-du-pont/catalog";
const PRODUCT_ROUTE = "routes/o.$org.catalog.products.$productId";
const INDEX_ROUTE = "routes/o.$org.catalog._index";
const IMPORT_ROUTE = "routes/o.$org.catalog.import";
const EN = { "Accept-Language": "en" };

async function orgId(slug: string): Promise<string> {
  return (await getDb().organization.findUniqueOrThrow({ where: { slug } })).id;
}

async function loggedIn(server: TestServer, email: string) {
  return new PageClient(server).login(email);
}

async function importCsv(client: PageClient, csv: string | Uint8Array, headers: Record<string, string> = EN, name = "catalog.csv") {
  const form = new FormData();
  form.append("file", new Blob([csv] as BlobPart[], { type: "text/csv" }), name);
  const res = await client.postMultipart(`${BRASSERIE}/import?_data=${encodeURIComponent(IMPORT_ROUTE)}`, form, headers);
  return { status: res.status, body: JSON.parse(res.html) };
}

async function brasserieCatalogAsOwner(server: TestServer) {
  const token = await apiToken(server, "alice@brasserie.test", "brasserie-du-pont");
  const res = await api(server, "GET", "/api/v1/catalog", { token });
  expect(res.status).toBe(200);
  return res.body.products as any[];
}

describe("producer catalog pages", () => {
  it("creates a product, then a format whose price typed “1,850” is stored as 18500 (1/10,000 units)", async () => {
    const server = await useTestServer();
    const client = await loggedIn(server, "sam@brasserie.test");
    const created = await client.post(`${BRASSERIE}/new`, {
      name: "IPA du Beffroi",
      sku: "BDP-IPA",
      family: "Bières blondes",
      description: "IPA houblonnée",
      active: "on",
    });
    expect(created.status).toBe(302);
    expect(created.location).toMatch(new RegExp(`^${BRASSERIE}/products/\\w+$`));
    const productPath = created.location!;

    const before = await client.data(productPath, PRODUCT_ROUTE);
    expect(before.body.product).toMatchObject({ name: "IPA du Beffroi", sku: "BDP-IPA", family: "Bières blondes", active: true, formats: [] });
    const vat20 = before.body.taxRates.find((r: any) => r.rateBps === 2000);

    const format = await client.post(productPath, {
      intent: "createFormat",
      name: "Bouteille 33 cl",
      unitPrice: "1,850",
      deposit: "0,10",
      taxRateId: vat20.id,
      active: "on",
    });
    expect(format.status).toBe(302);
    const keg = await client.post(productPath, { intent: "createFormat", name: "Fût 20 L", unitPrice: "95.5", deposit: "30", taxRateId: vat20.id, active: "on" });
    expect(keg.status).toBe(302);

    const after = await client.data(productPath, PRODUCT_ROUTE);
    expect(after.body.product.formats).toMatchObject([
      { name: "Bouteille 33 cl", unitPrice4: 18500, depositCents: 10, taxRateId: vat20.id, active: true },
      { name: "Fût 20 L", unitPrice4: 955000, depositCents: 3000, active: true },
    ]);

    // The catalog page lists it in its family with the French price.
    const list = await client.get(`${BRASSERIE}?q=beffroi`);
    expect(list.status).toBe(200);
    expect(list.html).toContain("IPA du Beffroi");
    expect(list.html).toContain("1,85\u00a0€");
    expect(list.html).not.toContain("Ambrée des Quais");

    // Deactivating a format hides it from customers but keeps it for the producer.
    const bottle = after.body.product.formats[0];
    const off = await client.post(productPath, { intent: "deactivateFormat", formatId: bottle.id });
    expect(off.status).toBe(302);
    const marc = await apiToken(server, "marc@martin.test", "epicerie-martin");
    const seen = await api(server, "GET", `/api/v1/catalog?producer=${await orgId("brasserie-du-pont")}`, { token: marc });
    const ipa = seen.body.products.find((p: any) => p.sku === "BDP-IPA");
    expect(ipa.formats.map((f: any) => f.name)).toEqual(["Fût 20 L"]);
  });

  it("answers 400 with the fields named and the typed values kept", async () => {
    const server = await useTestServer();
    const client = await loggedIn(server, "alice@brasserie.test");
    const res = await client.post(`${BRASSERIE}/new`, { name: "", sku: "BDP-XYZ", family: "Saisons", description: "Typed description" }, EN);
    expect(res.status).toBe(400);
    expect(res.html).toMatch(/name="name"[^>]*value=""\/><p id="[^"]+-error" class="[^"]*" role="alert">Required\.<\/p>/);
    expect(res.html).toContain('value="BDP-XYZ"');
    expect(res.html).toContain("Typed description");
    expect(res.html).toContain('value="Saisons"');
    const taken = await client.post(`${BRASSERIE}/new`, { name: "Autre blonde", sku: "BDP-BLO", family: "Saisons" }, EN);
    expect(taken.status).toBe(400);
    expect(taken.html).toContain("Another product of your catalog already has this SKU.");
    expect(taken.html).toContain('value="Autre blonde"');

    const json = await client.post(`${BRASSERIE}/new?_data=${encodeURIComponent("routes/o.$org.catalog.new")}`, { name: "", sku: "" }, EN);
    expect(json.status).toBe(400);
    expect(Object.keys(JSON.parse(json.html).fieldErrors).sort()).toEqual(["name", "sku"]);

    const blonde = (await brasserieCatalogAsOwner(server)).find((p) => p.sku === "BDP-BLO");
    const productPath = `${BRASSERIE}/products/${blonde.id}`;
    const bad = await client.post(
      productPath,
      { intent: "createFormat", name: "Magnum 1,5 L", unitPrice: "douze", deposit: "-1", taxRateId: "not-a-rate" },
      EN,
    );
    expect(bad.status).toBe(400);
    expect(bad.html).toContain("Enter a price such as 1.85 or 1,850.");
    expect(bad.html).toContain("Enter an amount such as 0.10, or leave empty.");
    expect(bad.html).toContain('value="douze"');
    expect(bad.html).toContain('value="Magnum 1,5 L"');
    const foreignRate = await getDb().taxRate.findFirstOrThrow({ where: { producer: { slug: "boulangerie-aurore" } } });
    const rate = await client.post(productPath, { intent: "createFormat", name: "Magnum 1,5 L", unitPrice: "7,5", taxRateId: foreignRate.id }, EN);
    expect(rate.status).toBe(400);
    expect(rate.html).toContain("Choose one of your tax rates.");
    expect(rate.html).toContain('value="7,5"');
    expect((await brasserieCatalogAsOwner(server)).find((p) => p.sku === "BDP-BLO").formats).toHaveLength(3);
  });

  it("lets an ACCOUNTANT read the catalog but answers 403 to every change", async () => {
    const server = await useTestServer();
    const client = await loggedIn(server, "anna@brasserie.test");
    const list = await client.get(BRASSERIE);
    expect(list.status).toBe(200);
    expect(list.html).toContain("Blonde du Pont");
    expect(list.html).not.toContain(`href="${BRASSERIE}/new"`);

    expect((await client.get(`${BRASSERIE}/new`)).status).toBe(403);
    expect((await client.post(`${BRASSERIE}/new`, { name: "Sneaky", sku: "SNEAK" })).status).toBe(403);
    const blonde = (await brasserieCatalogAsOwner(server)).find((p) => p.sku === "BDP-BLO");
    const update = await client.post(`${BRASSERIE}/products/${blonde.id}`, { intent: "product", name: "Renamed", sku: "BDP-BLO", active: "on" });
    expect(update.status).toBe(403);
    const deactivate = await client.post(`${BRASSERIE}/products/${blonde.id}`, { intent: "deactivateFormat", formatId: blonde.formats[0].id });
    expect(deactivate.status).toBe(403);
    expect((await client.post(`${BRASSERIE}/tax-rates`, { intent: "create", name: "TVA 2,1 %", rate: "2,1" })).status).toBe(403);
    expect((await client.post(`${BRASSERIE}/groups`, { intent: "create", name: "Cavistes", discount: "3" })).status).toBe(403);
    const form = new FormData();
    form.append("file", new Blob(["sku;product_name;format_name;unit_price\nX;Y;Z;1\n"]), "c.csv");
    expect((await client.postMultipart(`${BRASSERIE}/import`, form)).status).toBe(403);

    const after = (await brasserieCatalogAsOwner(server)).find((p) => p.sku === "BDP-BLO");
    expect(after.name).toBe("Blonde du Pont");
    expect(after.formats[0].active).toBe(true);
    expect((await brasserieCatalogAsOwner(server)).some((p) => p.sku === "SNEAK" || p.sku === "X")).toBe(false);
  });

  it("answers 404 for another producer's product or format, and changes nothing there", async () => {
    const server = await useTestServer();
    const client = await loggedIn(server, "alice@brasserie.test");
    const baguette = await getDb().product.findFirstOrThrow({ where: { sku: "AUR-BAG" }, include: { formats: true } });
    expect((await client.get(`${BRASSERIE}/products/${baguette.id}`)).status).toBe(404);
    const rename = await client.post(`${BRASSERIE}/products/${baguette.id}`, { intent: "product", name: "Volée", sku: "AUR-BAG", active: "on" });
    expect(rename.status).toBe(404);
    const blonde = await getDb().product.findFirstOrThrow({ where: { sku: "BDP-BLO" } });
    const foreignFormat = await client.post(`${BRASSERIE}/products/${blonde.id}`, { intent: "deactivateFormat", formatId: baguette.formats[0].id });
    expect(foreignFormat.status).toBe(404);
    const aurore = await getDb().taxRate.findFirstOrThrow({ where: { producerId: baguette.producerId } });
    const foreignRate = await client.post(`${BRASSERIE}/tax-rates`, { intent: "delete", id: aurore.id });
    expect(foreignRate.status).toBe(404);

    const unchanged = await getDb().product.findUniqueOrThrow({ where: { id: baguette.id }, include: { formats: true } });
    expect(unchanged.name).toBe("Baguette tradition");
    expect(unchanged.formats[0].active).toBe(true);
    expect(await getDb().taxRate.count({ where: { id: aurore.id } })).toBe(1);
  });
});

describe("tax rates and customer groups", () => {
  it("refuses to delete a tax rate that formats use, with a clear message, and deletes an unused one", async () => {
    const server = await useTestServer();
    const client = await loggedIn(server, "alice@brasserie.test");
    const rates = (await client.data(`${BRASSERIE}/tax-rates`, "routes/o.$org.catalog.tax-rates")).body.taxRates;
    const vat20 = rates.find((r: any) => r.rateBps === 2000);
    expect(vat20.formatCount).toBeGreaterThan(0);
    const refused = await client.post(`${BRASSERIE}/tax-rates`, { intent: "delete", id: vat20.id }, EN);
    expect(refused.status).toBe(400);
    expect(refused.html).toContain("This tax rate is used by formats: give them another rate before deleting it.");

    const created = await client.post(`${BRASSERIE}/tax-rates`, { intent: "create", name: "TVA 2,1 %", rate: "2,1" });
    expect(created.status).toBe(302);
    const added = (await client.data(`${BRASSERIE}/tax-rates`, "routes/o.$org.catalog.tax-rates")).body.taxRates.find((r: any) => r.name === "TVA 2,1 %");
    expect(added).toMatchObject({ rateBps: 210, isDefault: false, formatCount: 0 });
    const badRate = await client.post(`${BRASSERIE}/tax-rates`, { intent: "update", id: added.id, name: "TVA 2,1 %", rate: "120" }, EN);
    expect(badRate.status).toBe(400);
    expect(badRate.html).toContain("Enter a rate between 0 and 100");
    expect((await client.post(`${BRASSERIE}/tax-rates`, { intent: "delete", id: added.id })).status).toBe(302);
    expect(await getDb().taxRate.count({ where: { id: added.id } })).toBe(0);
  });

  it("makes one rate the default at a time", async () => {
    const server = await useTestServer();
    const client = await loggedIn(server, "alice@brasserie.test");
    const rates = (await client.data(`${BRASSERIE}/tax-rates`, "routes/o.$org.catalog.tax-rates")).body.taxRates;
    const vat10 = rates.find((r: any) => r.rateBps === 1000);
    expect((await client.post(`${BRASSERIE}/tax-rates`, { intent: "update", id: vat10.id, name: vat10.name, rate: "10", isDefault: "on" })).status).toBe(302);
    const after = (await client.data(`${BRASSERIE}/tax-rates`, "routes/o.$org.catalog.tax-rates")).body.taxRates;
    expect(after.filter((r: any) => r.isDefault).map((r: any) => r.rateBps)).toEqual([1000]);
    // Back to 20 % for the other tests.
    const vat20 = after.find((r: any) => r.rateBps === 2000);
    await client.post(`${BRASSERIE}/tax-rates`, { intent: "update", id: vat20.id, name: vat20.name, rate: "20", isDefault: "on" });
  });

  it("creates a group with a discount and, on deletion, detaches its customers", async () => {
    const server = await useTestServer();
    const client = await loggedIn(server, "alice@brasserie.test");
    const created = await client.post(`${BRASSERIE}/groups`, { intent: "create", name: "Cavistes", discount: "7,5" });
    expect(created.status).toBe(302);
    const groups = (await client.data(`${BRASSERIE}/groups`, "routes/o.$org.catalog.groups")).body.groups;
    const cavistes = groups.find((g: any) => g.name === "Cavistes");
    expect(cavistes).toMatchObject({ discountBps: 750, relationCount: 0 });

    const cave = await createOrganization({ kind: "RETAILER", name: "Cave du Port" });
    const relation = await createRelation({ producerId: await orgId("brasserie-du-pont"), partnerId: cave.id, kind: "RETAIL", customerGroupId: cavistes.id });
    const deleted = await client.post(`${BRASSERIE}/groups`, { intent: "delete", id: cavistes.id });
    expect(deleted.status).toBe(302);
    const stillThere = await getDb().relation.findUniqueOrThrow({ where: { id: relation.id } });
    expect(stillThere.customerGroupId).toBeNull();
    expect(stillThere.status).toBe("ACTIVE");
  });
});

describe("partners' view of a catalog", () => {
  it("shows a retailer its group's discount: discountBps 500 and discounted prices for Épicerie Martin", async () => {
    const server = await useTestServer();
    const brasserieId = await orgId("brasserie-du-pont");
    const token = await apiToken(server, "marc@martin.test", "epicerie-martin");
    const res = await api(server, "GET", `/api/v1/catalog?producer=${brasserieId}`, { token });
    expect(res.status).toBe(200);
    const blonde = res.body.products.find((p: any) => p.sku === "BDP-BLO");
    expect(blonde).toMatchObject({ name: "Blonde du Pont", family: "Bières blondes" });
    expect(blonde.formats[0]).toMatchObject({ name: "Bouteille 33 cl", unitPrice4: 18500, depositCents: 10, taxRateBps: 2000, discountBps: 500, discountedUnitPrice4: 17575 });
    expect(res.body.products.every((p: any) => p.formats.every((f: any) => f.discountBps === 500))).toBe(true);
    expect(res.body.products.every((p: any) => p.active === undefined)).toBe(true);

    // The page: suppliers list, then the catalog with list and discounted prices.
    const client = await loggedIn(server, "marc@martin.test");
    const suppliers = await client.data("/o/epicerie-martin/catalog", INDEX_ROUTE);
    expect(suppliers.body.suppliers).toMatchObject([{ id: brasserieId, name: "Brasserie du Pont", discountBps: 500, groupName: "Épiceries fines" }]);
    const page = await client.get(`/o/epicerie-martin/catalog/${brasserieId}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain("1,85\u00a0€");
    expect(page.html).toContain("1,758\u00a0€"); // 1.7575 shown with 3 decimals
    expect(page.html).toContain("Épiceries fines");
    const filtered = await client.data(`/o/epicerie-martin/catalog/${brasserieId}?family=${encodeURIComponent("Sans alcool")}`, "routes/o.$org.catalog.$producerId");
    expect(filtered.body.products.map((p: any) => p.sku)).toEqual(["BDP-LIM"]);
  });

  it("shows plain prices to a 0 % group, a distributor and a rep agency", async () => {
    const server = await useTestServer();
    const brasserieId = await orgId("brasserie-du-pont");
    for (const [email, slug] of [
      ["chloe@central.test", "cafe-central"],
      ["dan@nord.test", "distribution-nord"],
      ["rita@rep.test", "agence-rep"],
    ]) {
      const token = await apiToken(server, email, slug);
      const res = await api(server, "GET", `/api/v1/catalog?producer=${brasserieId}`, { token });
      expect(res.status, slug).toBe(200);
      const bottle = res.body.products.find((p: any) => p.sku === "BDP-BLO").formats[0];
      expect(bottle).toMatchObject({ unitPrice4: 18500, discountBps: 0, discountedUnitPrice4: 18500 });
    }
  });

  it("answers 404 to a retailer without a relation (Bistro de la Gare) and to another producer", async () => {
    const server = await useTestServer();
    const brasserieId = await orgId("brasserie-du-pont");
    const gaston = await apiToken(server, "gaston@gare.test", "bistro-gare");
    const res = await api(server, "GET", `/api/v1/catalog?producer=${brasserieId}`, { token: gaston });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("not_found");
    expect(JSON.stringify(res.body)).not.toContain("Blonde");
    // The bakery, with which it has a relation, is fine.
    expect((await api(server, "GET", `/api/v1/catalog?producer=${await orgId("boulangerie-aurore")}`, { token: gaston })).status).toBe(200);

    const client = await loggedIn(server, "gaston@gare.test");
    const page = await client.get(`/o/bistro-gare/catalog/${brasserieId}`);
    expect(page.status).toBe(404);
    expect(page.html).not.toContain("Blonde du Pont");
    const suppliers = await client.data("/o/bistro-gare/catalog", INDEX_ROUTE);
    expect(suppliers.body.suppliers.map((s: any) => s.name)).toEqual(["Boulangerie Aurore"]);

    const alice = await apiToken(server, "alice@brasserie.test", "brasserie-du-pont");
    expect((await api(server, "GET", `/api/v1/catalog?producer=${await orgId("boulangerie-aurore")}`, { token: alice })).status).toBe(404);
    expect((await api(server, "GET", "/api/v1/catalog?producer=nope", { token: alice })).status).toBe(404);
  });

  it("hides a pending relation's catalog and shows an empty state to a retailer without suppliers", async () => {
    const server = await useTestServer();
    const brasserieId = await orgId("brasserie-du-pont");
    const client = await loggedIn(server, "gaston@gare.test");
    await createRelation({ producerId: brasserieId, partnerId: await orgId("bistro-gare"), kind: "RETAIL", status: "PENDING" });
    expect((await client.get(`/o/bistro-gare/catalog/${brasserieId}`)).status).toBe(404);

    const lonely = await createOrganization({ kind: "RETAILER", members: [{ userId: (await getDb().user.findUniqueOrThrow({ where: { email: "gaston@gare.test" } })).id, role: "OWNER" }] });
    const empty = await client.get(`/o/${lonely.slug}/catalog`);
    expect(empty.status).toBe(200);
    expect(empty.html).toMatch(/No supplier yet|Aucun fournisseur/);
  });

  it("validates the API query: producer is required for a non-producer; a producer gets its own catalog with inactive items", async () => {
    const server = await useTestServer();
    const marc = await apiToken(server, "marc@martin.test", "epicerie-martin");
    const missing = await api(server, "GET", "/api/v1/catalog", { token: marc });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe("validation_failed");
    expect(Object.keys(missing.body.error.details.fields)).toEqual(["producer"]);

    const bruno = await apiToken(server, "bruno@aurore.test", "boulangerie-aurore");
    const own = await api(server, "GET", "/api/v1/catalog", { token: bruno });
    expect(own.status).toBe(200);
    expect(own.body.products).toHaveLength(8);
    expect(own.body.products[0]).toHaveProperty("active", true);
    expect(own.body.products[0].formats[0]).toHaveProperty("active", true);
    const eclair = own.body.products.find((p: any) => p.sku === "AUR-ECL");
    expect(eclair.formats[0]).toMatchObject({ unitPrice4: 19850, taxRateBps: 550 });
    const search = await api(server, "GET", "/api/v1/catalog?q=eclair", { token: bruno });
    expect(search.body.products.map((p: any) => p.sku)).toEqual(["AUR-ECL"]);

    expect((await api(server, "POST", "/api/v1/catalog", { token: bruno, body: {} })).status).toBe(405);
    expect((await api(server, "GET", "/api/v1/catalog")).status).toBe(401);
    const doc = await api(server, "GET", "/api/v1/openapi.json");
    expect(doc.body.paths["/api/v1/catalog"].get.parameters.map((p: any) => p.name)).toContain("producer");
  });
});

describe("CSV export and import", () => {
  it("exports the catalog as a CSV download that imports back with every line unchanged", async () => {
    const server = await useTestServer();
    const client = await loggedIn(server, "alice@brasserie.test");
    const res = await client.download(`${BRASSERIE}/export.csv`, EN);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="catalog-brasserie-du-pont-\d{4}-\d{2}-\d{2}\.csv"/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM, for spreadsheet programs
    const text = new TextDecoder().decode(bytes);
    const lines = text.trim().split("\r\n");
    expect(lines[0]).toBe("sku;product_name;family;description;product_active;format_name;unit_price;deposit;tax_rate;format_active");
    expect(lines).toContain("BDP-BLO;Blonde du Pont;Bières blondes;Blonde de garde, 6,5 % vol.;yes;Bouteille 33 cl;1,85;0,10;20;yes");
    expect(lines).toContain("BDP-LIM;Limonade artisanale;Sans alcool;;yes;Caisse de 24 × 25 cl;21,60;4,80;5,5;yes");

    const before = await brasserieCatalogAsOwner(server);
    const { status, body } = await importCsv(client, bytes);
    expect(status).toBe(200);
    expect(body.applied).toBe(true);
    expect(body.lines.length).toBe(lines.length - 1);
    expect(body.lines.every((l: any) => l.status === "unchanged")).toBe(true);
    expect(body.counts).toMatchObject({ productsCreated: 0, productsUpdated: 0, formatsCreated: 0, formatsUpdated: 0, unchanged: lines.length - 1, errors: 0 });
    expect(await brasserieCatalogAsOwner(server)).toEqual(before);

    // The French export (other headers, oui/non) reads back unchanged too.
    const fr = await client.download(`${BRASSERIE}/export.csv`, { "Accept-Language": "fr" });
    const frText = await fr.text();
    expect(frText).toContain("reference;produit;famille");
    const again = await importCsv(client, frText, { "Accept-Language": "fr" });
    expect(again.body.counts.unchanged).toBe(lines.length - 1);
    expect(again.body.lines.every((l: any) => l.status === "unchanged")).toBe(true);
  });

  it("creates and updates from a comma-separated file with quoted fields, and reports each line", async () => {
    const server = await useTestServer();
    const client = await loggedIn(server, "alice@brasserie.test");
    const csv = [
      "sku,product_name,family,description,product_active,format_name,unit_price,deposit,tax_rate,format_active",
      'BDP-SAI,Saison du Port,Saisons,"Saison sèche, 5,5 % vol.",yes,Bouteille 33 cl,2.105,0.10,20,yes',
      'BDP-SAI,Saison du Port,Saisons,"Saison sèche, 5,5 % vol.",yes,"Caisse de 24 × 33 cl",48,6,20,yes',
      "BDP-BLO,Blonde du Pont,Bières blondes,\"Blonde de garde, 6,5 % vol.\",yes,Bouteille 33 cl,1.90,0.10,20,yes",
    ].join("\n");
    const { status, body } = await importCsv(client, csv);
    expect(status).toBe(200);
    expect(body.lines.map((l: any) => [l.line, l.status])).toEqual([
      [2, "created"],
      [3, "created"],
      [4, "updated"],
    ]);
    expect(body.counts).toMatchObject({ productsCreated: 1, formatsCreated: 2, formatsUpdated: 1, errors: 0 });
    const products = await brasserieCatalogAsOwner(server);
    const saison = products.find((p) => p.sku === "BDP-SAI");
    expect(saison).toMatchObject({ name: "Saison du Port", family: "Saisons", description: "Saison sèche, 5,5 % vol." });
    expect(saison.formats.map((f: any) => [f.name, f.unitPrice4, f.depositCents])).toEqual([
      ["Bouteille 33 cl", 21050, 10],
      ["Caisse de 24 × 33 cl", 480000, 600],
    ]);
    expect(products.find((p) => p.sku === "BDP-BLO").formats[0].unitPrice4).toBe(19000);
    // Put the price back for the other tests.
    await importCsv(client, csv.split("\n")[0] + "\n" + csv.split("\n")[3].replace("1.90", "1.85"));
  });

  it("reports the line number and reason of bad lines and writes nothing", async () => {
    const server = await useTestServer();
    const client = await loggedIn(server, "alice@brasserie.test");
    const before = await brasserieCatalogAsOwner(server);
    const csv = [
      "sku;product_name;family;description;product_active;format_name;unit_price;deposit;tax_rate;format_active",
      "BDP-NEW;Nouvelle bière;Bières;;oui;Bouteille 33 cl;2,10;0,10;20;oui",
      "BDP-BLO;Blonde du Pont;Bières blondes;Blonde de garde, 6,5 % vol.;oui;Bouteille 33 cl;1,2,3;0,10;20;oui",
      ";Sans référence;;;oui;Fût 20 L;80;30;20;oui",
      "BDP-AMB;Ambrée des Quais;Bières ambrées;Ambrée aux malts caramel, 7 % vol.;oui;Fût 30 L;129;30;7;oui",
    ].join("\r\n");
    const { status, body } = await importCsv(client, csv);
    expect(status).toBe(400);
    expect(body.applied).toBe(false);
    expect(body.counts.errors).toBe(3);
    const byLine = Object.fromEntries(body.lines.map((l: any) => [l.line, l]));
    expect(byLine[2].status).toBe("created");
    expect(byLine[3]).toMatchObject({ status: "error", reasons: ["unit_price: “1,2,3” is not a price (write e.g. 1.85 or 1,850)."] });
    expect(byLine[4].status).toBe("error");
    expect(byLine[4].reasons).toContain("sku: Missing SKU.");
    expect(byLine[5].reasons).toEqual(["tax_rate: Unknown tax rate “7”: add it on the Tax rates page, or use one of yours."]);
    // Nothing written: not even the good line.
    expect(await brasserieCatalogAsOwner(server)).toEqual(before);

    // The page (no JavaScript) shows the report in French.
    const form = new FormData();
    form.append("file", new Blob([csv]), "catalogue.csv");
    const page = await client.postMultipart(`${BRASSERIE}/import`, form, { "Accept-Language": "fr" });
    expect(page.status).toBe(400);
    expect(page.html).toContain("Rien n’a été importé");
    expect(page.html).toContain("Taux de TVA inconnu «\u00a07\u00a0»");
    expect(page.html).toContain("Référence manquante.");
  });

  it("refuses files it cannot read: not UTF-8, too large, missing columns, no file", async () => {
    const server = await useTestServer();
    const client = await loggedIn(server, "alice@brasserie.test");
    const latin1 = new Uint8Array([...new TextEncoder().encode("sku;product_name;format_name;unit_price\nX;Bi"), 0xe8, 0x72, 0x65, ...new TextEncoder().encode(";F;1\n")]);
    const notUtf8 = await importCsv(client, latin1);
    expect(notUtf8.status).toBe(400);
    expect(notUtf8.body.fileError).toContain("not UTF-8");

    const big = await importCsv(client, "sku;product_name;format_name;unit_price\n" + "A;B;C;1\n".repeat(300_000));
    expect(big.status).toBe(413);
    expect(big.body.fileError).toBe("The file is larger than 2\u00a0MB.");

    const columns = await importCsv(client, "sku;name\nX;Y\n");
    expect(columns.body.fileError).toBe("Missing columns: format_name, unit_price. The first line must name the columns.");

    const none = await client.postMultipart(`${BRASSERIE}/import?_data=${encodeURIComponent(IMPORT_ROUTE)}`, new FormData(), EN);
    expect(JSON.parse(none.html).fileError).toBe("Choose a CSV file to import.");
  });
});
