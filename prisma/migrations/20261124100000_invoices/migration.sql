-- CreateTable
CREATE TABLE "Invoice" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sellerId" TEXT NOT NULL,
    "buyerId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "number" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'ISSUED',
    "currency" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "issuedAt" DATETIME NOT NULL,
    "dueDate" TEXT NOT NULL,
    "paymentTermsDays" INTEGER NOT NULL,
    "orderNumber" INTEGER NOT NULL,
    "deliveryDate" TEXT NOT NULL,
    "distribution" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "seller" TEXT NOT NULL,
    "buyer" TEXT NOT NULL,
    "groupDiscountBps" INTEGER NOT NULL DEFAULT 0,
    "taxesEnabled" BOOLEAN NOT NULL DEFAULT true,
    "depositsEnabled" BOOLEAN NOT NULL DEFAULT true,
    "subtotalCents" INTEGER NOT NULL,
    "discountCents" INTEGER NOT NULL,
    "taxCents" INTEGER NOT NULL,
    "depositCents" INTEGER NOT NULL,
    "totalCents" INTEGER NOT NULL,
    "creditedCents" INTEGER NOT NULL DEFAULT 0,
    "paidCents" INTEGER NOT NULL DEFAULT 0,
    "balanceCents" INTEGER NOT NULL,
    "paidAt" DATETIME,
    "cancelledAt" DATETIME,
    "chainPosition" INTEGER NOT NULL,
    "contentHash" TEXT NOT NULL,
    "previousHash" TEXT,
    "createdById" TEXT,
    "createdByOrgId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Invoice_sellerId_fkey" FOREIGN KEY ("sellerId") REFERENCES "Organization" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Invoice_buyerId_fkey" FOREIGN KEY ("buyerId") REFERENCES "Organization" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Invoice_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "InvoiceLine" (
    "invoiceId" TEXT NOT NULL,
    "lineId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "formatId" TEXT,
    "description" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "receivedQuantity" INTEGER,
    "unitPrice4" INTEGER NOT NULL,
    "discountBps" INTEGER NOT NULL DEFAULT 0,
    "taxRateBps" INTEGER NOT NULL DEFAULT 0,
    "depositCents" INTEGER NOT NULL DEFAULT 0,
    "totalCents" INTEGER NOT NULL,

    PRIMARY KEY ("invoiceId", "lineId"),
    CONSTRAINT "InvoiceLine_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "Invoice" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CreditNote" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sellerId" TEXT NOT NULL,
    "buyerId" TEXT NOT NULL,
    "invoiceId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "number" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "issuedAt" DATETIME NOT NULL,
    "seller" TEXT NOT NULL,
    "buyer" TEXT NOT NULL,
    "subtotalCents" INTEGER NOT NULL,
    "discountCents" INTEGER NOT NULL,
    "taxCents" INTEGER NOT NULL,
    "depositCents" INTEGER NOT NULL,
    "totalCents" INTEGER NOT NULL,
    "chainPosition" INTEGER NOT NULL,
    "contentHash" TEXT NOT NULL,
    "previousHash" TEXT,
    "createdById" TEXT,
    "createdByOrgId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CreditNote_sellerId_fkey" FOREIGN KEY ("sellerId") REFERENCES "Organization" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "CreditNote_buyerId_fkey" FOREIGN KEY ("buyerId") REFERENCES "Organization" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "CreditNote_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "Invoice" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "CreditNote_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CreditNoteLine" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "creditNoteId" TEXT NOT NULL,
    "lineId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "description" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "unitPrice4" INTEGER NOT NULL,
    "discountBps" INTEGER NOT NULL DEFAULT 0,
    "taxRateBps" INTEGER NOT NULL DEFAULT 0,
    "depositCents" INTEGER NOT NULL DEFAULT 0,
    "totalCents" INTEGER NOT NULL,
    CONSTRAINT "CreditNoteLine_creditNoteId_fkey" FOREIGN KEY ("creditNoteId") REFERENCES "CreditNote" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Payment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sellerId" TEXT NOT NULL,
    "buyerId" TEXT NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "reference" TEXT NOT NULL DEFAULT '',
    "paidAt" DATETIME NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'MANUAL',
    "externalId" TEXT,
    "createdById" TEXT,
    "createdByOrgId" TEXT,
    "deletedAt" DATETIME,
    "deletedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Payment_sellerId_fkey" FOREIGN KEY ("sellerId") REFERENCES "Organization" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Payment_buyerId_fkey" FOREIGN KEY ("buyerId") REFERENCES "Organization" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PaymentAllocation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "paymentId" TEXT NOT NULL,
    "invoiceId" TEXT NOT NULL,
    "amountCents" INTEGER NOT NULL,
    CONSTRAINT "PaymentAllocation_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "Payment" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PaymentAllocation_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "Invoice" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CheckoutSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sellerId" TEXT NOT NULL,
    "buyerId" TEXT NOT NULL,
    "stripeSessionId" TEXT NOT NULL,
    "invoiceIds" TEXT NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" DATETIME
);

-- CreateTable
CREATE TABLE "StripeEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "type" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "DocumentExport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orgId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "filters" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'QUEUED',
    "total" INTEGER NOT NULL DEFAULT 0,
    "done" INTEGER NOT NULL DEFAULT 0,
    "storageKey" TEXT,
    "sizeBytes" INTEGER,
    "error" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "expiresAt" DATETIME NOT NULL
);

-- AlterTable (added in place: redefining Organization would copy every tenant's row)
ALTER TABLE "Organization" ADD COLUMN "autoInvoiceOnDelivery" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Organization" ADD COLUMN "stripeAccountId" TEXT;

-- CreateIndex
CREATE INDEX "Invoice_orderId_idx" ON "Invoice"("orderId");

-- CreateIndex
CREATE INDEX "Invoice_sellerId_issuedAt_id_idx" ON "Invoice"("sellerId", "issuedAt", "id");

-- CreateIndex
CREATE INDEX "Invoice_sellerId_buyerId_issuedAt_idx" ON "Invoice"("sellerId", "buyerId", "issuedAt");

-- CreateIndex
CREATE INDEX "Invoice_sellerId_status_dueDate_idx" ON "Invoice"("sellerId", "status", "dueDate");

-- CreateIndex
CREATE INDEX "Invoice_buyerId_issuedAt_id_idx" ON "Invoice"("buyerId", "issuedAt", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Invoice_sellerId_sequence_key" ON "Invoice"("sellerId", "sequence");

-- CreateIndex
CREATE UNIQUE INDEX "Invoice_sellerId_number_key" ON "Invoice"("sellerId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "Invoice_sellerId_chainPosition_key" ON "Invoice"("sellerId", "chainPosition");

-- CreateIndex
CREATE INDEX "InvoiceLine_invoiceId_position_idx" ON "InvoiceLine"("invoiceId", "position");

-- CreateIndex
CREATE INDEX "CreditNote_invoiceId_idx" ON "CreditNote"("invoiceId");

-- CreateIndex
CREATE INDEX "CreditNote_sellerId_buyerId_issuedAt_idx" ON "CreditNote"("sellerId", "buyerId", "issuedAt");

-- CreateIndex
CREATE INDEX "CreditNote_buyerId_issuedAt_idx" ON "CreditNote"("buyerId", "issuedAt");

-- CreateIndex
CREATE UNIQUE INDEX "CreditNote_sellerId_sequence_key" ON "CreditNote"("sellerId", "sequence");

-- CreateIndex
CREATE UNIQUE INDEX "CreditNote_sellerId_number_key" ON "CreditNote"("sellerId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "CreditNote_sellerId_chainPosition_key" ON "CreditNote"("sellerId", "chainPosition");

-- CreateIndex
CREATE INDEX "CreditNoteLine_creditNoteId_position_idx" ON "CreditNoteLine"("creditNoteId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "Payment_externalId_key" ON "Payment"("externalId");

-- CreateIndex
CREATE INDEX "Payment_sellerId_buyerId_paidAt_idx" ON "Payment"("sellerId", "buyerId", "paidAt");

-- CreateIndex
CREATE INDEX "Payment_buyerId_paidAt_idx" ON "Payment"("buyerId", "paidAt");

-- CreateIndex
CREATE INDEX "PaymentAllocation_invoiceId_idx" ON "PaymentAllocation"("invoiceId");

-- CreateIndex
CREATE UNIQUE INDEX "PaymentAllocation_paymentId_invoiceId_key" ON "PaymentAllocation"("paymentId", "invoiceId");

-- CreateIndex
CREATE UNIQUE INDEX "CheckoutSession_stripeSessionId_key" ON "CheckoutSession"("stripeSessionId");

-- CreateIndex
CREATE INDEX "CheckoutSession_sellerId_buyerId_createdAt_idx" ON "CheckoutSession"("sellerId", "buyerId", "createdAt");

-- CreateIndex
CREATE INDEX "StripeEvent_receivedAt_idx" ON "StripeEvent"("receivedAt");

-- CreateIndex
CREATE INDEX "DocumentExport_orgId_userId_createdAt_idx" ON "DocumentExport"("orgId", "userId", "createdAt");

-- CreateIndex
CREATE INDEX "DocumentExport_status_createdAt_idx" ON "DocumentExport"("status", "createdAt");

-- CreateIndex
CREATE INDEX "DocumentExport_expiresAt_idx" ON "DocumentExport"("expiresAt");


-- One live invoice per order: a cancelled invoice keeps its number, and publishing again adds a new one.
CREATE UNIQUE INDEX "Invoice_orderId_live_key" ON "Invoice"("orderId") WHERE "status" <> 'CANCELLED';

-- The invoice freezes the order (second wall behind the services, which answer 409 `frozen`): once an
-- order is INVOICED or PAID, its content and lines no longer change; its status moves only through
-- invoice operations (settlement INVOICED <-> PAID, cancellation back to DELIVERED). The version, the
-- edit-lock columns and updatedAt may still move.
CREATE TRIGGER "Order_frozen_update" BEFORE UPDATE ON "Order"
WHEN OLD."status" IN ('INVOICED', 'PAID') AND (
    (NEW."status" IS NOT OLD."status" AND NEW."status" NOT IN ('INVOICED', 'PAID', 'DELIVERED'))
    OR NEW."sellerId" IS NOT OLD."sellerId" OR NEW."buyerId" IS NOT OLD."buyerId"
    OR NEW."repId" IS NOT OLD."repId" OR NEW."distributorId" IS NOT OLD."distributorId"
    OR NEW."relationId" IS NOT OLD."relationId" OR NEW."number" IS NOT OLD."number"
    OR NEW."distribution" IS NOT OLD."distribution" OR NEW."deliveryDate" IS NOT OLD."deliveryDate"
    OR NEW."note" IS NOT OLD."note" OR NEW."currency" IS NOT OLD."currency"
    OR NEW."groupDiscountBps" IS NOT OLD."groupDiscountBps" OR NEW."taxesEnabled" IS NOT OLD."taxesEnabled"
    OR NEW."depositsEnabled" IS NOT OLD."depositsEnabled" OR NEW."minOrderCents" IS NOT OLD."minOrderCents"
    OR NEW."subtotalCents" IS NOT OLD."subtotalCents" OR NEW."discountCents" IS NOT OLD."discountCents"
    OR NEW."taxCents" IS NOT OLD."taxCents" OR NEW."depositCents" IS NOT OLD."depositCents"
    OR NEW."totalCents" IS NOT OLD."totalCents" OR NEW."submitted" IS NOT OLD."submitted"
    OR NEW."createdById" IS NOT OLD."createdById" OR NEW."createdByOrgId" IS NOT OLD."createdByOrgId"
    OR NEW."acceptedAt" IS NOT OLD."acceptedAt" OR NEW."shippedAt" IS NOT OLD."shippedAt"
    OR NEW."deliveredAt" IS NOT OLD."deliveredAt" OR NEW."closedAt" IS NOT OLD."closedAt"
    OR NEW."createdAt" IS NOT OLD."createdAt"
)
BEGIN
    SELECT RAISE(ABORT, 'frozen: the order is invoiced; only invoice operations may change it');
END;

CREATE TRIGGER "OrderLine_frozen_insert" BEFORE INSERT ON "OrderLine"
WHEN (SELECT "status" FROM "Order" WHERE "id" = NEW."orderId") IN ('INVOICED', 'PAID')
BEGIN
    SELECT RAISE(ABORT, 'frozen: the lines of an invoiced order do not change');
END;

CREATE TRIGGER "OrderLine_frozen_update" BEFORE UPDATE ON "OrderLine"
WHEN (SELECT "status" FROM "Order" WHERE "id" = OLD."orderId") IN ('INVOICED', 'PAID')
  OR (SELECT "status" FROM "Order" WHERE "id" = NEW."orderId") IN ('INVOICED', 'PAID')
BEGIN
    SELECT RAISE(ABORT, 'frozen: the lines of an invoiced order do not change');
END;

CREATE TRIGGER "OrderLine_frozen_delete" BEFORE DELETE ON "OrderLine"
WHEN (SELECT "status" FROM "Order" WHERE "id" = OLD."orderId") IN ('INVOICED', 'PAID')
BEGIN
    SELECT RAISE(ABORT, 'frozen: the lines of an invoiced order do not change');
END;

-- A published invoice keeps its content: only its settlement (status, creditedCents, paidCents,
-- balanceCents, paidAt, cancelledAt, updatedAt) changes. Its lines and every credit note are immutable.
CREATE TRIGGER "Invoice_frozen_update" BEFORE UPDATE ON "Invoice"
WHEN NEW."id" IS NOT OLD."id" OR NEW."sellerId" IS NOT OLD."sellerId" OR NEW."buyerId" IS NOT OLD."buyerId"
    OR NEW."orderId" IS NOT OLD."orderId" OR NEW."sequence" IS NOT OLD."sequence" OR NEW."number" IS NOT OLD."number"
    OR NEW."currency" IS NOT OLD."currency" OR NEW."locale" IS NOT OLD."locale" OR NEW."issuedAt" IS NOT OLD."issuedAt"
    OR NEW."dueDate" IS NOT OLD."dueDate" OR NEW."paymentTermsDays" IS NOT OLD."paymentTermsDays"
    OR NEW."orderNumber" IS NOT OLD."orderNumber" OR NEW."deliveryDate" IS NOT OLD."deliveryDate"
    OR NEW."distribution" IS NOT OLD."distribution" OR NEW."note" IS NOT OLD."note"
    OR NEW."seller" IS NOT OLD."seller" OR NEW."buyer" IS NOT OLD."buyer"
    OR NEW."groupDiscountBps" IS NOT OLD."groupDiscountBps" OR NEW."taxesEnabled" IS NOT OLD."taxesEnabled"
    OR NEW."depositsEnabled" IS NOT OLD."depositsEnabled" OR NEW."subtotalCents" IS NOT OLD."subtotalCents"
    OR NEW."discountCents" IS NOT OLD."discountCents" OR NEW."taxCents" IS NOT OLD."taxCents"
    OR NEW."depositCents" IS NOT OLD."depositCents" OR NEW."totalCents" IS NOT OLD."totalCents"
    OR NEW."chainPosition" IS NOT OLD."chainPosition" OR NEW."contentHash" IS NOT OLD."contentHash"
    OR NEW."previousHash" IS NOT OLD."previousHash" OR NEW."createdById" IS NOT OLD."createdById"
    OR NEW."createdByOrgId" IS NOT OLD."createdByOrgId" OR NEW."createdAt" IS NOT OLD."createdAt"
BEGIN
    SELECT RAISE(ABORT, 'frozen: a published invoice does not change (issue a credit note)');
END;

CREATE TRIGGER "Invoice_frozen_delete" BEFORE DELETE ON "Invoice"
BEGIN
    SELECT RAISE(ABORT, 'frozen: a published invoice is never deleted (cancel it)');
END;

CREATE TRIGGER "InvoiceLine_frozen_update" BEFORE UPDATE ON "InvoiceLine"
BEGIN
    SELECT RAISE(ABORT, 'frozen: the lines of a published invoice do not change');
END;

CREATE TRIGGER "InvoiceLine_frozen_delete" BEFORE DELETE ON "InvoiceLine"
BEGIN
    SELECT RAISE(ABORT, 'frozen: the lines of a published invoice do not change');
END;

CREATE TRIGGER "CreditNote_frozen_update" BEFORE UPDATE ON "CreditNote"
BEGIN
    SELECT RAISE(ABORT, 'frozen: a published credit note does not change');
END;

CREATE TRIGGER "CreditNote_frozen_delete" BEFORE DELETE ON "CreditNote"
BEGIN
    SELECT RAISE(ABORT, 'frozen: a published credit note is never deleted');
END;

CREATE TRIGGER "CreditNoteLine_frozen_update" BEFORE UPDATE ON "CreditNoteLine"
BEGIN
    SELECT RAISE(ABORT, 'frozen: the lines of a published credit note do not change');
END;

CREATE TRIGGER "CreditNoteLine_frozen_delete" BEFORE DELETE ON "CreditNoteLine"
BEGIN
    SELECT RAISE(ABORT, 'frozen: the lines of a published credit note do not change');
END;
