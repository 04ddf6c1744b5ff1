// The outbox delivers through a real SMTP conversation (a local smtp-server), and retries later when
// the mail server is down, without losing the email.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverOutbox, enqueueEmail, enqueueTemplatedEmail, renderActionLinkEmail, smtpTransport } from "~/modules/notify/outbox.server";
import { getDb } from "~/utils/db.server";

type Received = { from: string; to: string[]; raw: string };
const received: Received[] = [];
let smtp: SMTPServer;
let port: number;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  port = (smtp.server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

describe("outbox delivery over SMTP", () => {
  it("sends a pending email once, in the recipient's language, and marks it sent", async () => {
    const email = await renderActionLinkEmail({ kind: "password-reset", language: "fr", url: "http://localhost:3000/reset-password/abc" });
    await getDb().$transaction((tx) => enqueueEmail(tx, "marc@martin.test", email));
    const sent = await deliverOutbox(smtpTransport(`smtp://127.0.0.1:${port}`));
    expect(sent).toBe(1);
    expect(received).toHaveLength(1);
    expect(received[0].to).toEqual(["marc@martin.test"]);
    expect(received[0].raw).toMatch(/Subject: =\?UTF-8\?Q\?R=C3=A9initialisez|Subject: Réinitialisez/);
    expect(received[0].raw.replace(/=\r?\n/g, "")).toContain("http://localhost:3000/reset-password/abc");
    const row = await getDb().outboxEmail.findFirstOrThrow({ where: { to: "marc@martin.test" } });
    expect(row.status).toBe("SENT");
    expect(await deliverOutbox(smtpTransport(`smtp://127.0.0.1:${port}`))).toBe(0);
    expect(received).toHaveLength(1);
  });

  it("keeps an email when the server is unreachable and sends it on a later attempt", async () => {
    const email = await renderActionLinkEmail({ kind: "password-reset", language: "en", url: "http://localhost:3000/reset-password/def" });
    await getDb().$transaction((tx) => enqueueEmail(tx, "chloe@central.test", email));
    const down = smtpTransport("smtp://127.0.0.1:1");
    expect(await deliverOutbox(down)).toBe(0);
    const failed = await getDb().outboxEmail.findFirstOrThrow({ where: { to: "chloe@central.test" } });
    expect(failed).toMatchObject({ status: "PENDING", attempts: 1 });
    expect(failed.lastError).toBeTruthy();
    expect(failed.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
    // Not due yet: nothing is attempted.
    expect(await deliverOutbox(smtpTransport(`smtp://127.0.0.1:${port}`))).toBe(0);
    // Once due, it goes out.
    const later = new Date(failed.nextAttemptAt.getTime() + 1_000);
    expect(await deliverOutbox(smtpTransport(`smtp://127.0.0.1:${port}`), later)).toBe(1);
    expect(received.at(-1)?.to).toEqual(["chloe@central.test"]);
  });

  it("renders an email written with its template only when it is delivered", async () => {
    await getDb().$transaction((tx) =>
      enqueueTemplatedEmail(tx, "dan@nord.test", "order-event", {
        type: "SHIPPED", language: "en", orderNumber: 42, sellerName: "Brasserie du Pont", buyerName: "Épicerie Martin",
        actorOrgName: "Brasserie du Pont", deliveryDate: "June 15, 2030", total: "120,00 €", url: "http://localhost:3000/o/distribution-nord/orders/o1",
      }),
    );
    const row = await getDb().outboxEmail.findFirstOrThrow({ where: { to: "dan@nord.test" } });
    expect(row.html).toBe("");
    expect(await deliverOutbox(smtpTransport(`smtp://127.0.0.1:${port}`))).toBe(1);
    const raw = received.at(-1)!.raw.replace(/=\r?\n/g, "");
    expect(raw).toContain("http://localhost:3000/o/distribution-nord/orders/o1");
    expect(raw).toMatch(/Content-Type: text\/html/);
  });
});
