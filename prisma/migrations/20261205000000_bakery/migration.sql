-- AlterTable
ALTER TABLE "Order" ADD COLUMN "standingOrderId" TEXT;

-- CreateTable
CREATE TABLE "BakerySettings" (
    "producerId" TEXT NOT NULL PRIMARY KEY,
    "slicingFee4" INTEGER NOT NULL DEFAULT 2000,
    "unitPriceDecimals" INTEGER NOT NULL DEFAULT 3,
    "intakeRetentionDays" INTEGER NOT NULL DEFAULT 4,
    "leftoverOffsetDays" INTEGER NOT NULL DEFAULT 1,
    "leftoverFamilies" TEXT NOT NULL DEFAULT '',
    "productionFamilies" TEXT NOT NULL DEFAULT '',
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "BakerySettings_producerId_fkey" FOREIGN KEY ("producerId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StandingOrder" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "producerId" TEXT NOT NULL,
    "relationId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "effectiveFrom" TEXT NOT NULL,
    "round" INTEGER NOT NULL DEFAULT 0,
    "roundPosition" INTEGER NOT NULL DEFAULT 0,
    "changes" TEXT NOT NULL DEFAULT '{}',
    "proposalId" TEXT,
    "createdById" TEXT NOT NULL,
    "createdByName" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "StandingOrder_relationId_fkey" FOREIGN KEY ("relationId") REFERENCES "Relation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StandingOrderDay" (
    "standingOrderId" TEXT NOT NULL,
    "weekday" INTEGER NOT NULL,
    "lines" TEXT NOT NULL,

    PRIMARY KEY ("standingOrderId", "weekday"),
    CONSTRAINT "StandingOrderDay_standingOrderId_fkey" FOREIGN KEY ("standingOrderId") REFERENCES "StandingOrder" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StandingOrderPrice" (
    "standingOrderId" TEXT NOT NULL,
    "formatId" TEXT NOT NULL,
    "unitPrice4" INTEGER NOT NULL,

    PRIMARY KEY ("standingOrderId", "formatId"),
    CONSTRAINT "StandingOrderPrice_standingOrderId_fkey" FOREIGN KEY ("standingOrderId") REFERENCES "StandingOrder" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StandingOrderProposal" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "producerId" TEXT NOT NULL,
    "relationId" TEXT NOT NULL,
    "retailerId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PROPOSED',
    "effectiveFrom" TEXT,
    "weekdays" TEXT NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT NOT NULL,
    "createdByName" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedById" TEXT,
    "decidedByName" TEXT,
    "decidedAt" DATETIME,
    "standingOrderId" TEXT,
    CONSTRAINT "StandingOrderProposal_relationId_fkey" FOREIGN KEY ("relationId") REFERENCES "Relation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DeliveryClosure" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "producerId" TEXT NOT NULL,
    "relationId" TEXT,
    "from" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DeliveryClosure_relationId_fkey" FOREIGN KEY ("relationId") REFERENCES "Relation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DeliveryDifference" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "producerId" TEXT NOT NULL,
    "relationId" TEXT NOT NULL,
    "retailerId" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "lines" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'RECEIVED',
    "createdById" TEXT NOT NULL,
    "createdByName" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "takenInAt" DATETIME,
    CONSTRAINT "DeliveryDifference_relationId_fkey" FOREIGN KEY ("relationId") REFERENCES "Relation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DeliveryDay" (
    "producerId" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "validatedAt" DATETIME NOT NULL,
    "validatedById" TEXT NOT NULL,
    "validatedByName" TEXT NOT NULL,
    "ordersCreated" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("producerId", "date")
);

-- CreateTable
CREATE TABLE "DeliveryHistory" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "producerId" TEXT NOT NULL,
    "relationId" TEXT NOT NULL,
    "retailerId" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "orderId" TEXT,
    "lines" TEXT NOT NULL,
    "totalCents" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Shop" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "producerId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Shop_producerId_fkey" FOREIGN KEY ("producerId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ShopOrder" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "producerId" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "pickupDate" TEXT NOT NULL,
    "customerName" TEXT NOT NULL,
    "phone" TEXT NOT NULL DEFAULT '',
    "depositCents" INTEGER NOT NULL DEFAULT 0,
    "totalCents" INTEGER NOT NULL,
    "balanceCents" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "note" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ShopOrder_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ShopOrderLine" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shopOrderId" TEXT NOT NULL,
    "formatId" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "unitPrice4" INTEGER NOT NULL,
    "totalCents" INTEGER NOT NULL,
    CONSTRAINT "ShopOrderLine_shopOrderId_fkey" FOREIGN KEY ("shopOrderId") REFERENCES "ShopOrder" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Leftover" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "producerId" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "formatId" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    CONSTRAINT "Leftover_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "InvoiceOrder" (
    "invoiceId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    PRIMARY KEY ("invoiceId", "orderId"),
    CONSTRAINT "InvoiceOrder_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "Invoice" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- New columns, all with constant defaults: added in place, existing rows and triggers untouched.
ALTER TABLE "Relation" ADD COLUMN "openWeekdays" TEXT NOT NULL DEFAULT '1234567';
ALTER TABLE "Relation" ADD COLUMN "billingPeriod" TEXT NOT NULL DEFAULT 'PER_DELIVERY';
ALTER TABLE "Product" ADD COLUMN "productionWeekdays" TEXT NOT NULL DEFAULT '1234567';
ALTER TABLE "ProductFormat" ADD COLUMN "sliced" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "StandingOrder_producerId_effectiveFrom_idx" ON "StandingOrder"("producerId", "effectiveFrom");

-- CreateIndex
CREATE INDEX "StandingOrder_relationId_effectiveFrom_idx" ON "StandingOrder"("relationId", "effectiveFrom");

-- CreateIndex
CREATE UNIQUE INDEX "StandingOrder_relationId_version_key" ON "StandingOrder"("relationId", "version");

-- CreateIndex

-- CreateIndex
CREATE INDEX "StandingOrderProposal_producerId_status_createdAt_idx" ON "StandingOrderProposal"("producerId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "StandingOrderProposal_relationId_createdAt_idx" ON "StandingOrderProposal"("relationId", "createdAt");

-- CreateIndex
CREATE INDEX "DeliveryClosure_producerId_to_from_idx" ON "DeliveryClosure"("producerId", "to", "from");

-- CreateIndex
CREATE INDEX "DeliveryClosure_relationId_to_idx" ON "DeliveryClosure"("relationId", "to");

-- CreateIndex
CREATE INDEX "DeliveryDifference_producerId_date_status_idx" ON "DeliveryDifference"("producerId", "date", "status");

-- CreateIndex
CREATE INDEX "DeliveryDifference_relationId_date_idx" ON "DeliveryDifference"("relationId", "date");

-- CreateIndex
CREATE INDEX "DeliveryHistory_retailerId_date_idx" ON "DeliveryHistory"("retailerId", "date");

-- CreateIndex
CREATE INDEX "DeliveryHistory_producerId_date_idx" ON "DeliveryHistory"("producerId", "date");

-- CreateIndex
CREATE UNIQUE INDEX "DeliveryHistory_relationId_date_key" ON "DeliveryHistory"("relationId", "date");

-- CreateIndex
CREATE UNIQUE INDEX "Shop_producerId_name_key" ON "Shop"("producerId", "name");

-- CreateIndex
CREATE INDEX "ShopOrder_producerId_pickupDate_idx" ON "ShopOrder"("producerId", "pickupDate");

-- CreateIndex
CREATE INDEX "ShopOrder_shopId_pickupDate_idx" ON "ShopOrder"("shopId", "pickupDate");

-- CreateIndex
CREATE INDEX "ShopOrderLine_shopOrderId_idx" ON "ShopOrderLine"("shopOrderId");

-- CreateIndex
CREATE INDEX "ShopOrderLine_formatId_idx" ON "ShopOrderLine"("formatId");

-- CreateIndex
CREATE INDEX "Leftover_producerId_date_idx" ON "Leftover"("producerId", "date");

-- CreateIndex
CREATE UNIQUE INDEX "Leftover_shopId_date_formatId_key" ON "Leftover"("shopId", "date", "formatId");

-- CreateIndex
CREATE INDEX "InvoiceOrder_orderId_idx" ON "InvoiceOrder"("orderId");

-- CreateIndex
CREATE INDEX "Order_sellerId_deliveryDate_buyerId_idx" ON "Order"("sellerId", "deliveryDate", "buyerId");


-- Every invoice published so far covers its one order.
INSERT INTO "InvoiceOrder" ("invoiceId", "orderId", "position") SELECT "id", "orderId", 0 FROM "Invoice";
