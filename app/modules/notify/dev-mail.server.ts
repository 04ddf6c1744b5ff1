// Development mailbox: without SMTP_URL the outbox writes .eml files under DATA_DIR/mail; this reads
// them back (list, one message) for the /dev/mail page. A small MIME reader is enough for what
// nodemailer writes: headers with encoded words, multipart/alternative, quoted-printable or base64.
// Those files hold every password-reset link: the viewer is a development tool, on only under
// NODE_ENV=development or MAIL_VIEWER=on, and only for requests from this machine.
import fs from "node:fs";
import { isIP } from "node:net";
import path from "node:path";
import { AppError } from "~/utils/errors";
import { getEnv } from "~/utils/env.server";
import { mailDir } from "./outbox.server";

export type ParsedEmail = { date: string | null; to: string; subject: string; text: string | null; html: string | null };
export type DevMailSummary = { file: string; date: string; to: string; subject: string };

const LIST_LIMIT = 200;
/** Only names the outbox writes: no separators, no "..", nothing outside the mail folder. */
const FILE_NAME = /^[A-Za-z0-9@._-]+\.eml$/;

export function isDevMailEnabled(): boolean {
  const env = getEnv();
  return env.mailViewer && !env.smtpUrl;
}

/**
 * Whether a client address is this machine. The address is the one Express derived with
 * `trust proxy: loopback`: a proxy on this machine forwarding a remote client gives that client's
 * address, and an X-Forwarded-For from anywhere else is not believed.
 */
export function isLoopbackAddress(ip: string): boolean {
  const address = ip.startsWith("::ffff:") && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
  if (isIP(address) === 4) return address.split(".")[0] === "127";
  return address === "::1";
}

/** The viewer answers 404 unless it is on and the request comes from this machine. */
export function assertDevMailAvailable(clientIp: string): void {
  if (!isDevMailEnabled() || !isLoopbackAddress(clientIp)) throw new AppError("not_found", "error.not_found");
}

function assertEnabled() {
  if (!isDevMailEnabled()) throw new AppError("not_found", "error.not_found");
}

export function listDevMail(): DevMailSummary[] {
  assertEnabled();
  const dir = mailDir();
  if (!fs.existsSync(dir)) return [];
  const files = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && FILE_NAME.test(e.name))
    .map((e) => ({ name: e.name, mtime: fs.statSync(path.join(dir, e.name)).mtimeMs }))
    // Newest first; file names start with an ISO time stamp, which breaks ties within a millisecond.
    .sort((a, b) => b.mtime - a.mtime || b.name.localeCompare(a.name))
    .slice(0, LIST_LIMIT);
  return files.map(({ name, mtime }) => {
    const parsed = parseEml(fs.readFileSync(path.join(dir, name), "utf8"), { headersOnly: true });
    return { file: name, date: parsed.date ?? new Date(mtime).toISOString(), to: parsed.to, subject: parsed.subject };
  });
}

export function readDevMail(file: string): DevMailSummary & ParsedEmail {
  assertEnabled();
  const dir = path.resolve(mailDir());
  const full = path.resolve(dir, file);
  if (!FILE_NAME.test(file) || path.dirname(full) !== dir || !fs.existsSync(full)) {
    throw new AppError("not_found", "error.not_found");
  }
  const parsed = parseEml(fs.readFileSync(full, "utf8"));
  return { file, ...parsed, date: parsed.date ?? fs.statSync(full).mtime.toISOString() };
}

// ---- MIME reading

type Part = { headers: Map<string, string>; body: string };

function splitHeaders(raw: string): Part {
  const normalized = raw.replace(/\r\n/g, "\n");
  const end = normalized.indexOf("\n\n");
  const head = end === -1 ? normalized : normalized.slice(0, end);
  const body = end === -1 ? "" : normalized.slice(end + 2);
  const headers = new Map<string, string>();
  // Unfold continuation lines, then one header per line.
  for (const line of head.replace(/\n[ \t]+/g, " ").split("\n")) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function param(header: string | undefined, name: string): string | null {
  if (!header) return null;
  const m = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, "i").exec(header);
  return m ? (m[1] ?? m[2]) : null;
}

function decodeBytes(bytes: Uint8Array, charset: string | null): string {
  try {
    return new TextDecoder(charset ?? "utf-8").decode(bytes);
  } catch {
    return new TextDecoder("utf-8").decode(bytes);
  }
}

const utf8 = new TextEncoder();

function quotedPrintableBytes(text: string, headerMode = false): Uint8Array {
  const source = headerMode ? text.replace(/_/g, " ") : text.replace(/=\r?\n/g, "");
  const out: number[] = [];
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "=" && /^[0-9A-Fa-f]{2}$/.test(source.slice(i + 1, i + 3))) {
      out.push(parseInt(source.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      out.push(...utf8.encode(c));
    }
  }
  return Uint8Array.from(out);
}

/** RFC 2047 encoded words (=?UTF-8?Q?...?= / =?UTF-8?B?...?=); whitespace between two words is dropped. */
export function decodeHeader(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, "$1$2")
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_, charset: string, encoding: string, text: string) =>
      decodeBytes(encoding.toUpperCase() === "B" ? Buffer.from(text, "base64") : quotedPrintableBytes(text, true), charset),
    );
}

function decodeBody(part: Part): string {
  const encoding = (part.headers.get("content-transfer-encoding") ?? "7bit").toLowerCase();
  const charset = param(part.headers.get("content-type"), "charset");
  if (encoding === "quoted-printable") return decodeBytes(quotedPrintableBytes(part.body), charset);
  if (encoding === "base64") return decodeBytes(Buffer.from(part.body.replace(/\s+/g, ""), "base64"), charset);
  return part.body;
}

function collectBodies(part: Part, found: { text: string | null; html: string | null }, depth = 0) {
  const type = (part.headers.get("content-type") ?? "text/plain").toLowerCase();
  if (type.startsWith("multipart/") && depth < 5) {
    const boundary = param(part.headers.get("content-type"), "boundary");
    if (!boundary) return;
    const sections = part.body.split(`--${boundary}`);
    // The first section is the preamble; the last one starts with "--" (the epilogue).
    for (const section of sections.slice(1)) {
      if (section.startsWith("--")) break;
      collectBodies(splitHeaders(section.replace(/^\r?\n/, "").replace(/\r?\n$/, "")), found, depth + 1);
    }
    return;
  }
  if (type.startsWith("text/html")) found.html ??= decodeBody(part);
  else if (type.startsWith("text/plain")) found.text ??= decodeBody(part);
}

export function parseEml(raw: string, options: { headersOnly?: boolean } = {}): ParsedEmail {
  const message = splitHeaders(raw);
  const dateHeader = message.headers.get("date");
  const date = dateHeader && !Number.isNaN(Date.parse(dateHeader)) ? new Date(dateHeader).toISOString() : null;
  const parsed: ParsedEmail = {
    date,
    to: decodeHeader(message.headers.get("to") ?? ""),
    subject: decodeHeader(message.headers.get("subject") ?? ""),
    text: null,
    html: null,
  };
  if (!options.headersOnly) collectBodies(message, parsed);
  return parsed;
}
