import { describe, expect, it } from "vitest";
import { conflictingRelations, historyEntry, purgedFromIntake } from "./rules";

describe("conflicts", () => {
  it("are the customers with more than one live order for the date", () => {
    const conflicts = conflictingRelations([
      { id: "a1", relationId: "A" },
      { id: "b1", relationId: "B" },
      { id: "a2", relationId: "A" },
    ]);
    expect([...conflicts.entries()]).toEqual([["A", [{ id: "a1", relationId: "A" }, { id: "a2", relationId: "A" }]]]);
  });
});

describe("retention", () => {
  it("keeps taken-in orders in the intake lists for the retention days after their date", () => {
    expect(purgedFromIntake("2027-03-06", "2027-03-10", 4)).toBe(false);
    expect(purgedFromIntake("2027-03-05", "2027-03-10", 4)).toBe(true);
    expect(purgedFromIntake("2027-03-12", "2027-03-10", 0)).toBe(false);
  });
});

describe("delivered history of a date", () => {
  const line = (formatId: string | null, quantity: number, receivedQuantity: number | null = null) => ({
    kind: formatId ? "ITEM" : "FEE", formatId, description: formatId ?? "Tranchage", quantity, receivedQuantity, unitPrice4: 10_000, totalCents: quantity * 100,
  });
  it("compares the note with what was delivered, extras included, and points to the main order", () => {
    const entry = historyEntry([
      { id: "main", parentOrderId: null, status: "DELIVERED", totalCents: 1_300, lines: [line("baguette", 10, 8), line("croissant", 3)] },
      { id: "extra", parentOrderId: "main", status: "DELIVERED", totalCents: 200, lines: [line("croissant", 2, 2)] },
    ]);
    expect(entry.orderId).toBe("main");
    expect(entry.totalCents).toBe(1_500);
    expect(entry.lines.map((l) => [l.formatId, l.ordered, l.quantity])).toEqual([["baguette", 10, 8], ["croissant", 3, 5]]);
  });
  it("is empty without orders", () => {
    expect(historyEntry([])).toEqual({ orderId: null, lines: [], totalCents: 0 });
  });
});
