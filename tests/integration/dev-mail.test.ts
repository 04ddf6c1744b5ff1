import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { deliverOutbox, mailDir } from "~/modules/notify/outbox.server";
import { getEnv } from "~/utils/env.server";
import { createUser } from "../factories";
import { PageClient, useTestServer } from "../setup/http";

async function sendReset(server: Awaited<ReturnType<typeof useTestServer>>, email: string) {
  expect((await new PageClient(server).post("/forgot-password", { email })).status).toBe(200);
  await deliverOutbox();
}

describe("development mailbox (/dev/mail)", () => {
  // As under `npm run dev` (MAIL_VIEWER=on would do the same); off, it is covered by robustness-auth.
  beforeAll(() => {
    getEnv().mailViewer = true;
  });

  it("asks for a log-in", async () => {
    const server = await useTestServer();
    const res = await new PageClient(server).get("/dev/mail");
    expect(res.status).toBe(302);
    expect(res.location).toBe("/login?redirectTo=%2Fdev%2Fmail");
  });

  it("lists the written emails newest first and shows one with its text and HTML bodies", async () => {
    const server = await useTestServer();
    const first = await createUser({ email: "first.reader@example.test" });
    const second = await createUser({ email: "second.reader@example.test", locale: "en" });
    await sendReset(server, first.email);
    await new Promise((r) => setTimeout(r, 20));
    await sendReset(server, second.email);

    const client = await new PageClient(server).login(first.email);
    const list = await client.get("/dev/mail");
    expect(list.status).toBe(200);
    expect(list.html).toContain(mailDir());
    const firstAt = list.html.indexOf("first.reader@example.test");
    const secondAt = list.html.indexOf("second.reader@example.test");
    expect(secondAt).toBeGreaterThan(-1);
    expect(firstAt).toBeGreaterThan(secondAt);
    expect(list.html).toContain("Réinitialisez votre mot de passe Comptoir");
    expect(list.html).toContain("Reset your Comptoir password");

    const href = /href="(\/dev\/mail\?file=[^"]+)"/.exec(list.html)![1].replace(/&amp;/g, "&");
    const message = await client.get(href);
    expect(message.status).toBe(200);
    expect(message.html).toContain("Reset your Comptoir password");
    expect(message.html).toContain("second.reader@example.test");
    expect(message.html).toMatch(/http:\/\/localhost:3000\/reset-password\/[A-Za-z0-9_-]+/);
    // The HTML version is shown in an empty sandbox.
    expect(message.html).toMatch(/<iframe[^>]*sandbox=""[^>]*srcDoc=|<iframe[^>]*srcDoc=[^>]*sandbox=""/i);
  });

  it("refuses names that are not a message of the mail folder (path traversal)", async () => {
    const server = await useTestServer();
    const user = await createUser();
    const client = await new PageClient(server).login(user.email);
    fs.mkdirSync(mailDir(), { recursive: true });
    fs.writeFileSync(path.join(getEnv().dataDir, "secret.eml"), "Subject: secret\n\nsecret body");
    for (const file of ["../secret.eml", "..%2Fsecret.eml", "%2Fetc%2Fpasswd", "../test.db", "missing.eml", "..", "notes.txt"]) {
      const res = await client.get(`/dev/mail?file=${file}`);
      expect(res.status, file).toBe(404);
      expect(res.html).not.toContain("secret body");
    }
  });

  it("does not exist when SMTP is configured", async () => {
    const server = await useTestServer();
    const user = await createUser();
    const client = await new PageClient(server).login(user.email);
    const env = getEnv();
    env.smtpUrl = "smtp://127.0.0.1:2525";
    try {
      expect((await client.get("/dev/mail")).status).toBe(404);
      expect((await new PageClient(server).get("/dev/mail")).status).toBe(404);
    } finally {
      env.smtpUrl = undefined;
    }
    expect((await client.get("/dev/mail")).status).toBe(200);
  });
});
