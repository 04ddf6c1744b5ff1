-- Idempotency keys cover every record a retry must not duplicate: orders, credit notes and payments.
-- A key belongs to an organization and a kind of record; the existing keys are orders' keys.
CREATE TABLE "new_IdempotencyKey" (
    "orgId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "recordId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("orgId", "kind", "key")
);
INSERT INTO "new_IdempotencyKey" ("orgId", "kind", "key", "userId", "recordId", "createdAt")
    SELECT "orgId", 'ORDER', "key", "userId", "orderId", "createdAt" FROM "IdempotencyKey";
DROP TABLE "IdempotencyKey";
ALTER TABLE "new_IdempotencyKey" RENAME TO "IdempotencyKey";
CREATE INDEX "IdempotencyKey_createdAt_idx" ON "IdempotencyKey"("createdAt");
