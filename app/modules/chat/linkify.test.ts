import { describe, expect, it } from "vitest";
import { linkify } from "./linkify";

describe("linkify", () => {
  it("turns web addresses into links and leaves the rest as text", () => {
    expect(linkify("See https://brasserie.test/tarifs?x=1 and www.cafe.test.")).toEqual([
      { kind: "text", text: "See " },
      { kind: "link", text: "https://brasserie.test/tarifs?x=1", href: "https://brasserie.test/tarifs?x=1" },
      { kind: "text", text: " and " },
      { kind: "link", text: "www.cafe.test", href: "https://www.cafe.test" },
      { kind: "text", text: "." },
    ]);
  });

  it("keeps a bracket that belongs to the address and drops one that closes the sentence", () => {
    expect(linkify("(voir https://x.test/a_(b))").map((p) => p.text)).toEqual(["(voir ", "https://x.test/a_(b)", ")"]);
    expect(linkify("(voir https://x.test/a)").map((p) => p.text)).toEqual(["(voir ", "https://x.test/a", ")"]);
  });

  it("never makes a link of markup or of another scheme", () => {
    const pieces = linkify('<img src=x onerror="alert(1)"> javascript:alert(1) <a href="https://evil.test">x</a>');
    const links = pieces.filter((p) => p.kind === "link");
    expect(links).toEqual([{ kind: "link", text: "https://evil.test", href: "https://evil.test" }]);
    expect(pieces.map((p) => p.text).join("")).toBe('<img src=x onerror="alert(1)"> javascript:alert(1) <a href="https://evil.test">x</a>');
  });

  it("gives back an empty list for an empty text", () => {
    expect(linkify("")).toEqual([]);
  });
});
