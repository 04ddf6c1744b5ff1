-- Sessions are stored by the SHA-256 of their id (the cookie keeps the id itself): a leaked copy of the
-- database no longer opens anyone's session. Existing rows hold plain ids that no cookie hashes to:
-- they are deleted, and everyone logs in once more.
DELETE FROM "Session";

-- CreateIndex: expired sessions are purged at each log-in.
CREATE INDEX "Session_expiresAt_idx" ON "Session"("expiresAt");

-- One table for every rate limit (log-in failures, password-reset requests, sign-ups, API tokens),
-- shared by the instances through the database. It replaces LoginFailure: a few minutes of failure
-- counts are lost with it, which only shortens a lock-out.
DROP TABLE "LoginFailure";

-- CreateTable
CREATE TABLE "RateLimitHit" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "RateLimitHit_kind_key_createdAt_idx" ON "RateLimitHit"("kind", "key", "createdAt");

-- CreateIndex
CREATE INDEX "RateLimitHit_createdAt_idx" ON "RateLimitHit"("createdAt");
