// Emails written by the end-to-end server (no SMTP_URL: .eml files under DATA_DIR/mail).
import fs from "node:fs";
import path from "node:path";
import { inject } from "vitest";

function decodeQuotedPrintable(text: string): string {
  return text.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Waits for an email to `to` and returns the first link to `prefix` in it (path only). */
export async function waitForLink(to: string, prefix: string, timeoutMs = 10_000): Promise<string> {
  const dir = path.join(inject("dataDir"), "mail");
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.includes(to)).sort() : [];
    for (const file of files.reverse()) {
      const body = decodeQuotedPrintable(fs.readFileSync(path.join(dir, file), "utf8"));
      const m = new RegExp(`https?://[^\\s/"]+(${prefix}[A-Za-z0-9_-]+)`).exec(body);
      if (m) return m[1];
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`No email to ${to} with a ${prefix} link within ${timeoutMs} ms`);
}
