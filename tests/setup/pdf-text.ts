// Tests only: the text of a PDF written by React PDF with the built-in fonts, good enough to assert
// on. Inflates the FlateDecode streams, reads every text object (BT … ET) as one line and decodes
// its strings from WinAnsi. No layout, no CID fonts, no encryption.
import zlib from "node:zlib";

// 0x80–0x9F of WinAnsi (Node's TextDecoder treats windows-1252 as Latin-1 there).
const WIN_ANSI_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";
function decodeWinAnsi(bytes: number[]): string {
  return bytes.map((b) => (b >= 0x80 && b <= 0x9f ? WIN_ANSI_HIGH[b - 0x80] : String.fromCharCode(b))).join("");
}

function decodeLiteral(body: string): number[] {
  const bytes: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch !== "\\") {
      bytes.push(ch.charCodeAt(0));
      continue;
    }
    const next = body[++i];
    const escapes: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12, "(": 40, ")": 41, "\\": 92 };
    if (next in escapes) bytes.push(escapes[next]);
    else if (/[0-7]/.test(next)) {
      const oct = /^[0-7]{1,3}/.exec(body.slice(i))![0];
      bytes.push(parseInt(oct, 8));
      i += oct.length - 1;
    }
  }
  return bytes;
}

function textOfBlock(block: string): string {
  const bytes: number[] = [];
  // Hex strings <...> (not dictionaries <<) and literal strings (...).
  const re = /<([0-9a-fA-F\s]*)>|\(((?:\\.|[^\\)])*)\)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(block))) {
    if (m[1] !== undefined) {
      const hex = m[1].replace(/\s/g, "");
      for (let i = 0; i + 1 < hex.length; i += 2) bytes.push(parseInt(hex.slice(i, i + 2), 16));
    } else {
      bytes.push(...decodeLiteral(m[2]));
    }
  }
  return decodeWinAnsi(bytes);
}

/** The PDF's content streams, inflated when compressed. */
export function pdfStreams(pdf: Uint8Array): string[] {
  const buf = Buffer.from(pdf);
  const latin1 = buf.toString("latin1");
  const streams: string[] = [];
  const re = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(latin1))) {
    const start = m.index + m[0].length;
    const end = latin1.indexOf("endstream", start);
    if (end < 0) break;
    const raw = buf.subarray(start, end);
    try {
      streams.push(zlib.inflateSync(raw).toString("latin1"));
    } catch {
      streams.push(raw.toString("latin1"));
    }
    re.lastIndex = end + "endstream".length;
  }
  return streams;
}

/**
 * The text objects in drawing order, one per line — except that a text object ending with a space
 * continues on the same line (React PDF splits a run at spaces). No-break spaces become spaces.
 */
export function pdfText(pdf: Uint8Array): string {
  let out = "";
  for (const stream of pdfStreams(pdf)) {
    for (const block of stream.match(/\bBT\b[\s\S]*?\bET\b/g) ?? []) {
      if (out && !out.endsWith(" ") && !out.endsWith("\u00a0")) out += "\n";
      out += textOfBlock(block);
    }
  }
  return out.replace(/\u00a0/g, " ");
}
