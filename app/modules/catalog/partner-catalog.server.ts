// A producer's catalog as its partners see it (active products and formats only; a retailer's group
// discount applied), and the JSON API's view of any catalog the actor may see.
import { getDb } from "~/utils/db.server";
import { validationError } from "~/utils/errors";
import { discountedUnitPrice4 } from "~/utils/money";
import { parseInput } from "~/utils/validation";
import type { OrgActor } from "../org/actor";
import { resolveCatalogView, type CatalogView } from "./access.server";
import { PAGE_PRODUCT_LIMIT } from "./products.server";
import { catalogApiQuerySchema, type CatalogFilter } from "./schemas";
import { familiesOf, filterProducts, sortProducts } from "./search";

async function loadProducts(producerId: string, onlyActive: boolean) {
  return getDb().product.findMany({
    where: { producerId, ...(onlyActive ? { active: true, formats: { some: { active: true } } } : {}) },
    select: {
      id: true,
      name: true,
      sku: true,
      family: true,
      description: true,
      active: true,
      formats: {
        where: { producerId, ...(onlyActive ? { active: true } : {}) },
        select: {
          id: true,
          name: true,
          unitPrice4: true,
          depositCents: true,
          active: true,
          taxRateId: true,
          taxRate: { select: { rateBps: true } },
        },
        orderBy: [{ position: "asc" }, { createdAt: "asc" }],
      },
    },
  });
}

/** The catalog page of a producer for a retailer, distributor or rep agency; 404 without an active relation. */
export async function getPartnerCatalog(actor: OrgActor, producerId: string, filter: CatalogFilter = {}, limit = PAGE_PRODUCT_LIMIT) {
  const view = await resolveCatalogView(actor, producerId);
  const all = await loadProducts(view.producer.id, true);
  const matched = sortProducts(filterProducts(all, filter));
  const products = matched.slice(0, limit).map((p) => ({
    id: p.id,
    name: p.name,
    sku: p.sku,
    family: p.family,
    description: p.description,
    formats: p.formats.map((f) => ({
      id: f.id,
      name: f.name,
      unitPrice4: f.unitPrice4,
      discountedUnitPrice4: discountedUnitPrice4(f.unitPrice4, view.discountBps),
      depositCents: f.depositCents,
      taxRateBps: f.taxRate.rateBps,
    })),
  }));
  return {
    view: view.view,
    producer: view.producer,
    discountBps: view.discountBps,
    groupName: view.groupName,
    total: all.length,
    matched: matched.length,
    families: familiesOf(all),
    products,
  };
}

/**
 * GET /api/v1/catalog. A producer may omit `producer` (its own catalog, inactive items included, with
 * `active`); partners name the producer and get active items with their discount.
 */
export async function getApiCatalog(actor: OrgActor, input: unknown) {
  const query = parseInput(catalogApiQuerySchema, input);
  const producerId = query.producer ?? (actor.orgKind === "PRODUCER" ? actor.orgId : null);
  if (!producerId) throw validationError({ producer: "field.required" });
  const view: CatalogView = await resolveCatalogView(actor, producerId);
  const owner = view.view === "owner";
  const all = await loadProducts(view.producer.id, !owner);
  const products = sortProducts(filterProducts(all, query)).map((p) => ({
    id: p.id,
    name: p.name,
    sku: p.sku,
    family: p.family,
    description: p.description,
    ...(owner ? { active: p.active } : {}),
    formats: p.formats.map((f) => ({
      id: f.id,
      name: f.name,
      unitPrice4: f.unitPrice4,
      depositCents: f.depositCents,
      taxRateBps: f.taxRate.rateBps,
      ...(owner
        ? { active: f.active, taxRateId: f.taxRateId }
        : { discountBps: view.discountBps, discountedUnitPrice4: discountedUnitPrice4(f.unitPrice4, view.discountBps) }),
    })),
  }));
  const { id, slug, name, currency } = view.producer;
  return { producer: { id, slug, name, currency }, products };
}
