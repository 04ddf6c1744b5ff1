import { describe, expect, it } from "vitest";
import { diffLines, parseSubmitted, type LineDraft } from "./order-lines.server";

const line = (id: string, extra: Partial<LineDraft> = {}): LineDraft & { id: string } => ({
  id,
  kind: "ITEM",
  formatId: `f-${id}`,
  description: `Item ${id}`,
  quantity: 10,
  unitPrice4: 18_500,
  discountBps: 500,
  taxRateBps: 2000,
  depositCents: 10,
  ...extra,
});

describe("line changes for the history", () => {
  it("tells added, removed and changed lines apart, field by field", () => {
    const before = [line("a"), line("b"), line("c")];
    const after: LineDraft[] = [line("a", { quantity: 12, unitPrice4: 17_000 }), line("c"), { ...line("x"), id: undefined, kind: "FEE", formatId: null }];
    expect(diffLines(before, after)).toEqual({
      added: [{ kind: "FEE", formatId: null, description: "Item x", quantity: 10, unitPrice4: 18_500, discountBps: 500, taxRateBps: 2000, depositCents: 10 }],
      removed: [expect.objectContaining({ id: "b", description: "Item b" })],
      changed: [{ id: "a", description: "Item a", changes: { quantity: { before: 10, after: 12 }, unitPrice4: { before: 18_500, after: 17_000 } } }],
    });
  });

  it("says nothing changed when nothing did, whatever the order of the lines", () => {
    expect(diffLines([line("a"), line("b")], [line("b"), line("a")])).toBeNull();
  });
});

describe("the buyer's submitted copy", () => {
  it("reads copies without ids or flags (older rows) with the defaults", () => {
    expect(parseSubmitted('{"lines":[{"kind":"ITEM","quantity":1}]}')).toMatchObject({ taxesEnabled: true, depositsEnabled: true, lines: [{ quantity: 1 }] });
    expect(parseSubmitted("not json")).toMatchObject({ lines: [], taxesEnabled: true });
  });
});
