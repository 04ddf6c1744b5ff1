import { describe, expect, it } from "vitest";
import { fieldErrorsOf } from "~/utils/validation";
import { inviteRelationSchema, relationTermsSchema, retailSettingsSchema } from "./schemas";

function errors(result: { success: boolean; error?: unknown }) {
  return result.success ? {} : fieldErrorsOf(result.error as Parameters<typeof fieldErrorsOf>[0]);
}

describe("inviteRelationSchema", () => {
  it("takes exactly one of an email and an organization slug", () => {
    expect(inviteRelationSchema.parse({ kind: "RETAIL", email: " Shop@Example.TEST ", slug: "" })).toEqual({ kind: "RETAIL", email: "shop@example.test" });
    expect(inviteRelationSchema.parse({ kind: "DISTRIBUTION", email: "", slug: "Distribution-Nord" })).toEqual({ kind: "DISTRIBUTION", slug: "distribution-nord" });
    expect(errors(inviteRelationSchema.safeParse({ kind: "RETAIL", email: "", slug: "" }))).toEqual({ email: "relations.emailOrSlug" });
    expect(errors(inviteRelationSchema.safeParse({ kind: "RETAIL", email: "a@b.test", slug: "shop" }))).toEqual({ slug: "relations.emailOrSlugNotBoth" });
    expect(errors(inviteRelationSchema.safeParse({ kind: "FRIEND", email: "a@b.test" }))).toEqual({ kind: "relations.kindRequired" });
  });
});

describe("relation settings schemas", () => {
  const valid = { paymentTermsDays: "30", defaultDistribution: "SELF" };

  it("parses payment terms from 0 to 365 whole days", () => {
    expect(relationTermsSchema.parse({ paymentTermsDays: "0" })).toEqual({ paymentTermsDays: 0 });
    expect(relationTermsSchema.parse({ paymentTermsDays: 365 })).toEqual({ paymentTermsDays: 365 });
    for (const bad of ["", "366", "-1", "12.5", "ten", null]) {
      expect(errors(relationTermsSchema.safeParse({ paymentTermsDays: bad })), String(bad)).toEqual({ paymentTermsDays: "relations.termsRange" });
    }
  });

  it("reads the minimum order as money typed by a person, exactly, blank meaning none", () => {
    const min = (minOrder: unknown) => retailSettingsSchema.parse({ ...valid, minOrder }).minOrder;
    expect(min("")).toBe(0);
    expect(min(undefined)).toBe(0);
    expect(min("150")).toBe(15_000);
    expect(min("150,5")).toBe(15_050);
    expect(min("1 200.99")).toBe(120_099);
    expect(min(2_000)).toBe(2_000);
    for (const bad of ["-5", "1,234", "abc", "10000001"]) {
      expect(errors(retailSettingsSchema.safeParse({ ...valid, minOrder: bad })), bad).toEqual({ minOrder: "relations.minOrderInvalid" });
    }
  });

  it("treats blank ids as none and needs a distributor for distribution through a distributor, with the other errors", () => {
    expect(retailSettingsSchema.parse({ ...valid, customerGroupId: "", repId: "", defaultDistributorId: "" })).toMatchObject({
      customerGroupId: undefined,
      repId: undefined,
      defaultDistributorId: undefined,
    });
    expect(errors(retailSettingsSchema.safeParse({ paymentTermsDays: "999", defaultDistribution: "DISTRIBUTOR" }))).toEqual({
      paymentTermsDays: "relations.termsRange",
      defaultDistributorId: "relations.distributorRequired",
    });
    expect(retailSettingsSchema.safeParse({ ...valid, defaultDistribution: "DISTRIBUTOR", defaultDistributorId: "org1" }).success).toBe(true);
  });
});
