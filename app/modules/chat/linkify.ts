// Message bodies are plain text: the only thing turned into markup is a web address, made a link.
// The result is a list of pieces that React renders as text nodes and <a> elements (React escapes the
// text: a body holding "<script>" shows those characters). Only http(s) addresses become links, so a
// "javascript:" text stays text.
export type TextPiece = { kind: "text"; text: string } | { kind: "link"; text: string; href: string };

const ADDRESS = /\b(?:https?:\/\/|www\.)[^\s<>"]+/gi;
// Punctuation that ends a sentence rather than an address: "see https://x.test/a." → the link is without the dot.
const TRAILING = /[.,;:!?'»”’]+$/;

function trimAddress(raw: string): string {
  let text = raw.replace(TRAILING, "");
  // A closing bracket belongs to the address only when the address opened one: "(see https://x.test/a)".
  while (/[)\]]$/.test(text)) {
    const close = text.at(-1)!;
    const open = close === ")" ? "(" : "[";
    if (text.split(open).length >= text.split(close).length) break;
    text = text.slice(0, -1).replace(TRAILING, "");
  }
  return text;
}

export function linkify(body: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  let last = 0;
  for (const match of body.matchAll(ADDRESS)) {
    const text = trimAddress(match[0]);
    if (!text || /^www\.$/i.test(text)) continue;
    const start = match.index!;
    if (start > last) pieces.push({ kind: "text", text: body.slice(last, start) });
    const href = /^www\./i.test(text) ? `https://${text}` : text;
    pieces.push({ kind: "link", text, href });
    last = start + text.length;
  }
  if (last < body.length) pieces.push({ kind: "text", text: body.slice(last) });
  return pieces;
}
