import { describe, expect, it } from "vitest";
import { slicingFee } from "./slicing";

describe("slicingFee", () => {
  it("counts every sliced unit at the producer's fee", () => {
    expect(slicingFee([{ sliced: true, quantity: 3 }, { sliced: false, quantity: 10 }, { sliced: true, quantity: 2 }], 2000)).toEqual({ quantity: 5, unitPrice4: 2000 });
  });
  it("is no line when nothing is sliced or the fee is zero", () => {
    expect(slicingFee([{ sliced: false, quantity: 3 }], 2000)).toBeNull();
    expect(slicingFee([{ sliced: true, quantity: 3 }], 0)).toBeNull();
  });
});
