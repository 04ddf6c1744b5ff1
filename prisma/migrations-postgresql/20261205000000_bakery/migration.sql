-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "locale" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PasswordReset" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PasswordReset_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EmailChange" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "newEmail" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EmailChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RateLimitHit" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RateLimitHit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Organization" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'fr',
    "currency" TEXT NOT NULL DEFAULT 'EUR',
    "email" TEXT,
    "phone" TEXT,
    "address" TEXT,
    "taxNumber" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "autoInvoiceOnDelivery" BOOLEAN NOT NULL DEFAULT false,
    "stripeAccountId" TEXT,

    CONSTRAINT "Organization_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Membership" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Membership_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MemberInvitation" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "invitedById" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "acceptedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MemberInvitation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "membershipId" TEXT NOT NULL,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Relation" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "producerId" TEXT NOT NULL,
    "partnerId" TEXT,
    "invitedEmail" TEXT,
    "inviteTokenHash" TEXT,
    "customerGroupId" TEXT,
    "paymentTermsDays" INTEGER NOT NULL DEFAULT 30,
    "repId" TEXT,
    "defaultDistributorId" TEXT,
    "defaultDistribution" TEXT NOT NULL DEFAULT 'SELF',
    "minOrderCents" INTEGER NOT NULL DEFAULT 0,
    "openWeekdays" TEXT NOT NULL DEFAULT '1234567',
    "billingPeriod" TEXT NOT NULL DEFAULT 'PER_DELIVERY',
    "acceptedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Relation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TaxRate" (
    "id" TEXT NOT NULL,
    "producerId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "rateBps" INTEGER NOT NULL,
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TaxRate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CustomerGroup" (
    "id" TEXT NOT NULL,
    "producerId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "discountBps" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CustomerGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Product" (
    "id" TEXT NOT NULL,
    "producerId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sku" TEXT NOT NULL,
    "family" TEXT NOT NULL DEFAULT '',
    "description" TEXT NOT NULL DEFAULT '',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "productionWeekdays" TEXT NOT NULL DEFAULT '1234567',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Product_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProductFormat" (
    "id" TEXT NOT NULL,
    "producerId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "unitPrice4" INTEGER NOT NULL,
    "depositCents" INTEGER NOT NULL DEFAULT 0,
    "taxRateId" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "position" INTEGER NOT NULL DEFAULT 0,
    "sliced" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProductFormat_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxEmail" (
    "id" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "template" TEXT,
    "props" TEXT,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutboxEmail_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Order" (
    "id" TEXT NOT NULL,
    "sellerId" TEXT NOT NULL,
    "buyerId" TEXT NOT NULL,
    "repId" TEXT,
    "distributorId" TEXT,
    "relationId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "version" INTEGER NOT NULL DEFAULT 1,
    "distribution" TEXT NOT NULL,
    "deliveryDate" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "currency" TEXT NOT NULL,
    "groupDiscountBps" INTEGER NOT NULL DEFAULT 0,
    "taxesEnabled" BOOLEAN NOT NULL DEFAULT true,
    "depositsEnabled" BOOLEAN NOT NULL DEFAULT true,
    "minOrderCents" INTEGER NOT NULL DEFAULT 0,
    "subtotalCents" INTEGER NOT NULL DEFAULT 0,
    "discountCents" INTEGER NOT NULL DEFAULT 0,
    "taxCents" INTEGER NOT NULL DEFAULT 0,
    "depositCents" INTEGER NOT NULL DEFAULT 0,
    "totalCents" INTEGER NOT NULL DEFAULT 0,
    "buyerName" TEXT NOT NULL,
    "submitted" TEXT NOT NULL,
    "parentOrderId" TEXT,
    "standingOrderId" TEXT,
    "createdById" TEXT NOT NULL,
    "createdByOrgId" TEXT NOT NULL,
    "lockedById" TEXT,
    "lockedUntil" TIMESTAMP(3),
    "acceptedAt" TIMESTAMP(3),
    "shippedAt" TIMESTAMP(3),
    "deliveredAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Order_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrderLine" (
    "id" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "formatId" TEXT,
    "description" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "unitPrice4" INTEGER NOT NULL,
    "discountBps" INTEGER NOT NULL DEFAULT 0,
    "taxRateBps" INTEGER NOT NULL DEFAULT 0,
    "depositCents" INTEGER NOT NULL DEFAULT 0,
    "totalCents" INTEGER NOT NULL DEFAULT 0,
    "receivedQuantity" INTEGER,

    CONSTRAINT "OrderLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrderEvent" (
    "id" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "actorId" TEXT,
    "actorName" TEXT NOT NULL,
    "actorOrgId" TEXT,
    "actorOrgName" TEXT NOT NULL,
    "changes" TEXT NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OrderEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrderDocument" (
    "id" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "filename" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "storageKey" TEXT NOT NULL,
    "uploadedById" TEXT,
    "uploadedByOrgId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OrderDocument_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SellerSequence" (
    "sellerId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "next" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "SellerSequence_pkey" PRIMARY KEY ("sellerId","kind")
);

-- CreateTable
CREATE TABLE "IdempotencyKey" (
    "orgId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "recordId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IdempotencyKey_pkey" PRIMARY KEY ("orgId","kind","key")
);

-- CreateTable
CREATE TABLE "Invoice" (
    "id" TEXT NOT NULL,
    "sellerId" TEXT NOT NULL,
    "buyerId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "number" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'ISSUED',
    "currency" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "issuedAt" TIMESTAMP(3) NOT NULL,
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
    "paidAt" TIMESTAMP(3),
    "cancelledAt" TIMESTAMP(3),
    "chainPosition" INTEGER NOT NULL,
    "contentHash" TEXT NOT NULL,
    "previousHash" TEXT,
    "createdById" TEXT,
    "createdByOrgId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Invoice_pkey" PRIMARY KEY ("id")
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

    CONSTRAINT "InvoiceLine_pkey" PRIMARY KEY ("invoiceId","lineId")
);

-- CreateTable
CREATE TABLE "CreditNote" (
    "id" TEXT NOT NULL,
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
    "issuedAt" TIMESTAMP(3) NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CreditNote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CreditNoteLine" (
    "id" TEXT NOT NULL,
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

    CONSTRAINT "CreditNoteLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Payment" (
    "id" TEXT NOT NULL,
    "sellerId" TEXT NOT NULL,
    "buyerId" TEXT NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "reference" TEXT NOT NULL DEFAULT '',
    "paidAt" TIMESTAMP(3) NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'MANUAL',
    "externalId" TEXT,
    "createdById" TEXT,
    "createdByOrgId" TEXT,
    "deletedAt" TIMESTAMP(3),
    "deletedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Payment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PaymentAllocation" (
    "id" TEXT NOT NULL,
    "paymentId" TEXT NOT NULL,
    "invoiceId" TEXT NOT NULL,
    "amountCents" INTEGER NOT NULL,

    CONSTRAINT "PaymentAllocation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CheckoutSession" (
    "id" TEXT NOT NULL,
    "sellerId" TEXT NOT NULL,
    "buyerId" TEXT NOT NULL,
    "stripeSessionId" TEXT NOT NULL,
    "invoiceIds" TEXT NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "CheckoutSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StripeEvent" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StripeEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DocumentExport" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "filters" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'QUEUED',
    "total" INTEGER NOT NULL DEFAULT 0,
    "done" INTEGER NOT NULL DEFAULT 0,
    "storageKey" TEXT,
    "sizeBytes" INTEGER,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DocumentExport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChatMessage" (
    "id" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "authorOrgId" TEXT NOT NULL,
    "authorOrgName" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChatMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChatAttachment" (
    "id" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "filename" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "storageKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChatAttachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChatReceipt" (
    "messageId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "readAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChatReceipt_pkey" PRIMARY KEY ("messageId","userId")
);

-- CreateTable
CREATE TABLE "ChatUnread" (
    "userId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "firstUnreadAt" TIMESTAMP(3) NOT NULL,
    "digestedAt" TIMESTAMP(3),

    CONSTRAINT "ChatUnread_pkey" PRIMARY KEY ("userId","orderId")
);

-- CreateTable
CREATE TABLE "NotificationPreference" (
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "email" BOOLEAN NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NotificationPreference_pkey" PRIMARY KEY ("userId","kind")
);

-- CreateTable
CREATE TABLE "JobLease" (
    "name" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "JobLease_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "InvoiceReminder" (
    "id" TEXT NOT NULL,
    "invoiceId" TEXT NOT NULL,
    "sentOn" TEXT NOT NULL,
    "daysOverdue" INTEGER NOT NULL,
    "recipients" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InvoiceReminder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BakerySettings" (
    "producerId" TEXT NOT NULL,
    "slicingFee4" INTEGER NOT NULL DEFAULT 2000,
    "unitPriceDecimals" INTEGER NOT NULL DEFAULT 3,
    "intakeRetentionDays" INTEGER NOT NULL DEFAULT 4,
    "leftoverOffsetDays" INTEGER NOT NULL DEFAULT 1,
    "leftoverFamilies" TEXT NOT NULL DEFAULT '',
    "productionFamilies" TEXT NOT NULL DEFAULT '',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BakerySettings_pkey" PRIMARY KEY ("producerId")
);

-- CreateTable
CREATE TABLE "StandingOrder" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StandingOrder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StandingOrderDay" (
    "standingOrderId" TEXT NOT NULL,
    "weekday" INTEGER NOT NULL,
    "lines" TEXT NOT NULL,

    CONSTRAINT "StandingOrderDay_pkey" PRIMARY KEY ("standingOrderId","weekday")
);

-- CreateTable
CREATE TABLE "StandingOrderPrice" (
    "standingOrderId" TEXT NOT NULL,
    "formatId" TEXT NOT NULL,
    "unitPrice4" INTEGER NOT NULL,

    CONSTRAINT "StandingOrderPrice_pkey" PRIMARY KEY ("standingOrderId","formatId")
);

-- CreateTable
CREATE TABLE "StandingOrderProposal" (
    "id" TEXT NOT NULL,
    "producerId" TEXT NOT NULL,
    "relationId" TEXT NOT NULL,
    "retailerId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PROPOSED',
    "effectiveFrom" TEXT,
    "weekdays" TEXT NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT NOT NULL,
    "createdByName" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedById" TEXT,
    "decidedByName" TEXT,
    "decidedAt" TIMESTAMP(3),
    "standingOrderId" TEXT,

    CONSTRAINT "StandingOrderProposal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeliveryClosure" (
    "id" TEXT NOT NULL,
    "producerId" TEXT NOT NULL,
    "relationId" TEXT,
    "from" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeliveryClosure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeliveryDifference" (
    "id" TEXT NOT NULL,
    "producerId" TEXT NOT NULL,
    "relationId" TEXT NOT NULL,
    "retailerId" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "lines" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'RECEIVED',
    "createdById" TEXT NOT NULL,
    "createdByName" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "takenInAt" TIMESTAMP(3),

    CONSTRAINT "DeliveryDifference_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeliveryDay" (
    "producerId" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "validatedAt" TIMESTAMP(3) NOT NULL,
    "validatedById" TEXT NOT NULL,
    "validatedByName" TEXT NOT NULL,
    "ordersCreated" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "DeliveryDay_pkey" PRIMARY KEY ("producerId","date")
);

-- CreateTable
CREATE TABLE "DeliveryHistory" (
    "id" TEXT NOT NULL,
    "producerId" TEXT NOT NULL,
    "relationId" TEXT NOT NULL,
    "retailerId" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "orderId" TEXT,
    "lines" TEXT NOT NULL,
    "totalCents" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeliveryHistory_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Shop" (
    "id" TEXT NOT NULL,
    "producerId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Shop_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ShopOrder" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ShopOrder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ShopOrderLine" (
    "id" TEXT NOT NULL,
    "shopOrderId" TEXT NOT NULL,
    "formatId" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "unitPrice4" INTEGER NOT NULL,
    "totalCents" INTEGER NOT NULL,

    CONSTRAINT "ShopOrderLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Leftover" (
    "id" TEXT NOT NULL,
    "producerId" TEXT NOT NULL,
    "shopId" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "formatId" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,

    CONSTRAINT "Leftover_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InvoiceOrder" (
    "invoiceId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "InvoiceOrder_pkey" PRIMARY KEY ("invoiceId","orderId")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE INDEX "Session_expiresAt_idx" ON "Session"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "PasswordReset_tokenHash_key" ON "PasswordReset"("tokenHash");

-- CreateIndex
CREATE INDEX "PasswordReset_userId_idx" ON "PasswordReset"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "EmailChange_tokenHash_key" ON "EmailChange"("tokenHash");

-- CreateIndex
CREATE INDEX "EmailChange_userId_idx" ON "EmailChange"("userId");

-- CreateIndex
CREATE INDEX "RateLimitHit_kind_key_createdAt_idx" ON "RateLimitHit"("kind", "key", "createdAt");

-- CreateIndex
CREATE INDEX "RateLimitHit_createdAt_idx" ON "RateLimitHit"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Organization_slug_key" ON "Organization"("slug");

-- CreateIndex
CREATE INDEX "Membership_organizationId_idx" ON "Membership"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "Membership_userId_organizationId_key" ON "Membership"("userId", "organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "MemberInvitation_tokenHash_key" ON "MemberInvitation"("tokenHash");

-- CreateIndex
CREATE INDEX "MemberInvitation_organizationId_createdAt_idx" ON "MemberInvitation"("organizationId", "createdAt");

-- CreateIndex
CREATE INDEX "MemberInvitation_email_idx" ON "MemberInvitation"("email");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ApiToken_organizationId_createdAt_idx" ON "ApiToken"("organizationId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Relation_inviteTokenHash_key" ON "Relation"("inviteTokenHash");

-- CreateIndex
CREATE INDEX "Relation_producerId_kind_status_idx" ON "Relation"("producerId", "kind", "status");

-- CreateIndex
CREATE INDEX "Relation_partnerId_status_idx" ON "Relation"("partnerId", "status");

-- CreateIndex
CREATE INDEX "Relation_repId_idx" ON "Relation"("repId");

-- CreateIndex
CREATE INDEX "Relation_defaultDistributorId_idx" ON "Relation"("defaultDistributorId");

-- CreateIndex
CREATE UNIQUE INDEX "Relation_producerId_partnerId_kind_key" ON "Relation"("producerId", "partnerId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "TaxRate_producerId_name_key" ON "TaxRate"("producerId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "CustomerGroup_producerId_name_key" ON "CustomerGroup"("producerId", "name");

-- CreateIndex
CREATE INDEX "Product_producerId_active_family_name_idx" ON "Product"("producerId", "active", "family", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Product_producerId_sku_key" ON "Product"("producerId", "sku");

-- CreateIndex
CREATE INDEX "ProductFormat_producerId_idx" ON "ProductFormat"("producerId");

-- CreateIndex
CREATE INDEX "ProductFormat_taxRateId_idx" ON "ProductFormat"("taxRateId");

-- CreateIndex
CREATE UNIQUE INDEX "ProductFormat_productId_name_key" ON "ProductFormat"("productId", "name");

-- CreateIndex
CREATE INDEX "OutboxEmail_status_nextAttemptAt_idx" ON "OutboxEmail"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "Order_sellerId_createdAt_id_idx" ON "Order"("sellerId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Order_sellerId_status_createdAt_id_idx" ON "Order"("sellerId", "status", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Order_sellerId_buyerId_createdAt_idx" ON "Order"("sellerId", "buyerId", "createdAt");

-- CreateIndex
CREATE INDEX "Order_sellerId_deliveryDate_idx" ON "Order"("sellerId", "deliveryDate");

-- CreateIndex
CREATE INDEX "Order_sellerId_status_deliveryDate_idx" ON "Order"("sellerId", "status", "deliveryDate");

-- CreateIndex
CREATE INDEX "Order_buyerId_createdAt_id_idx" ON "Order"("buyerId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Order_buyerId_status_createdAt_id_idx" ON "Order"("buyerId", "status", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Order_buyerId_status_deliveryDate_idx" ON "Order"("buyerId", "status", "deliveryDate");

-- CreateIndex
CREATE INDEX "Order_repId_createdAt_id_idx" ON "Order"("repId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Order_repId_status_createdAt_id_idx" ON "Order"("repId", "status", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Order_repId_status_deliveryDate_idx" ON "Order"("repId", "status", "deliveryDate");

-- CreateIndex
CREATE INDEX "Order_distributorId_createdAt_id_idx" ON "Order"("distributorId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Order_distributorId_status_createdAt_id_idx" ON "Order"("distributorId", "status", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Order_distributorId_status_deliveryDate_idx" ON "Order"("distributorId", "status", "deliveryDate");

-- CreateIndex
CREATE INDEX "Order_status_deliveryDate_idx" ON "Order"("status", "deliveryDate");

-- CreateIndex
CREATE INDEX "Order_sellerId_deliveryDate_buyerId_idx" ON "Order"("sellerId", "deliveryDate", "buyerId");

-- CreateIndex
CREATE UNIQUE INDEX "Order_sellerId_number_key" ON "Order"("sellerId", "number");

-- CreateIndex
CREATE INDEX "OrderLine_orderId_position_idx" ON "OrderLine"("orderId", "position");

-- CreateIndex
CREATE INDEX "OrderLine_formatId_idx" ON "OrderLine"("formatId");

-- CreateIndex
CREATE INDEX "OrderEvent_orderId_createdAt_idx" ON "OrderEvent"("orderId", "createdAt");

-- CreateIndex
CREATE INDEX "OrderDocument_orderId_createdAt_idx" ON "OrderDocument"("orderId", "createdAt");

-- CreateIndex
CREATE INDEX "IdempotencyKey_createdAt_idx" ON "IdempotencyKey"("createdAt");

-- CreateIndex
CREATE INDEX "Invoice_orderId_idx" ON "Invoice"("orderId");

-- CreateIndex
CREATE INDEX "Invoice_sellerId_issuedAt_id_idx" ON "Invoice"("sellerId", "issuedAt", "id");

-- CreateIndex
CREATE INDEX "Invoice_ledger_idx" ON "Invoice"("sellerId", "buyerId", "issuedAt", "id", "number", "dueDate", "status", "totalCents", "balanceCents", "currency", "orderId");

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
CREATE INDEX "Payment_ledger_idx" ON "Payment"("sellerId", "buyerId", "paidAt", "id", "amountCents", "reference", "method", "source", "externalId", "deletedAt");

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

-- CreateIndex
CREATE INDEX "ChatMessage_orderId_createdAt_id_idx" ON "ChatMessage"("orderId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "ChatMessage_authorId_idx" ON "ChatMessage"("authorId");

-- CreateIndex
CREATE INDEX "ChatAttachment_messageId_idx" ON "ChatAttachment"("messageId");

-- CreateIndex
CREATE INDEX "ChatAttachment_orderId_idx" ON "ChatAttachment"("orderId");

-- CreateIndex
CREATE INDEX "ChatReceipt_userId_idx" ON "ChatReceipt"("userId");

-- CreateIndex
CREATE INDEX "ChatUnread_orderId_idx" ON "ChatUnread"("orderId");

-- CreateIndex
CREATE INDEX "ChatUnread_digestedAt_firstUnreadAt_idx" ON "ChatUnread"("digestedAt", "firstUnreadAt");

-- CreateIndex
CREATE UNIQUE INDEX "InvoiceReminder_invoiceId_sentOn_key" ON "InvoiceReminder"("invoiceId", "sentOn");

-- CreateIndex
CREATE INDEX "StandingOrder_producerId_effectiveFrom_idx" ON "StandingOrder"("producerId", "effectiveFrom");

-- CreateIndex
CREATE INDEX "StandingOrder_relationId_effectiveFrom_idx" ON "StandingOrder"("relationId", "effectiveFrom");

-- CreateIndex
CREATE UNIQUE INDEX "StandingOrder_relationId_version_key" ON "StandingOrder"("relationId", "version");

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

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PasswordReset" ADD CONSTRAINT "PasswordReset_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EmailChange" ADD CONSTRAINT "EmailChange_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MemberInvitation" ADD CONSTRAINT "MemberInvitation_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MemberInvitation" ADD CONSTRAINT "MemberInvitation_invitedById_fkey" FOREIGN KEY ("invitedById") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_membershipId_fkey" FOREIGN KEY ("membershipId") REFERENCES "Membership"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Relation" ADD CONSTRAINT "Relation_producerId_fkey" FOREIGN KEY ("producerId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Relation" ADD CONSTRAINT "Relation_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Relation" ADD CONSTRAINT "Relation_repId_fkey" FOREIGN KEY ("repId") REFERENCES "Organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Relation" ADD CONSTRAINT "Relation_defaultDistributorId_fkey" FOREIGN KEY ("defaultDistributorId") REFERENCES "Organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Relation" ADD CONSTRAINT "Relation_customerGroupId_fkey" FOREIGN KEY ("customerGroupId") REFERENCES "CustomerGroup"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TaxRate" ADD CONSTRAINT "TaxRate_producerId_fkey" FOREIGN KEY ("producerId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomerGroup" ADD CONSTRAINT "CustomerGroup_producerId_fkey" FOREIGN KEY ("producerId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Product" ADD CONSTRAINT "Product_producerId_fkey" FOREIGN KEY ("producerId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProductFormat" ADD CONSTRAINT "ProductFormat_producerId_fkey" FOREIGN KEY ("producerId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProductFormat" ADD CONSTRAINT "ProductFormat_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProductFormat" ADD CONSTRAINT "ProductFormat_taxRateId_fkey" FOREIGN KEY ("taxRateId") REFERENCES "TaxRate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Order" ADD CONSTRAINT "Order_sellerId_fkey" FOREIGN KEY ("sellerId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Order" ADD CONSTRAINT "Order_buyerId_fkey" FOREIGN KEY ("buyerId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Order" ADD CONSTRAINT "Order_repId_fkey" FOREIGN KEY ("repId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Order" ADD CONSTRAINT "Order_distributorId_fkey" FOREIGN KEY ("distributorId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Order" ADD CONSTRAINT "Order_relationId_fkey" FOREIGN KEY ("relationId") REFERENCES "Relation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Order" ADD CONSTRAINT "Order_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Order" ADD CONSTRAINT "Order_lockedById_fkey" FOREIGN KEY ("lockedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Order" ADD CONSTRAINT "Order_parentOrderId_fkey" FOREIGN KEY ("parentOrderId") REFERENCES "Order"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderLine" ADD CONSTRAINT "OrderLine_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderEvent" ADD CONSTRAINT "OrderEvent_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderDocument" ADD CONSTRAINT "OrderDocument_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invoice" ADD CONSTRAINT "Invoice_sellerId_fkey" FOREIGN KEY ("sellerId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invoice" ADD CONSTRAINT "Invoice_buyerId_fkey" FOREIGN KEY ("buyerId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invoice" ADD CONSTRAINT "Invoice_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InvoiceLine" ADD CONSTRAINT "InvoiceLine_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "Invoice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CreditNote" ADD CONSTRAINT "CreditNote_sellerId_fkey" FOREIGN KEY ("sellerId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CreditNote" ADD CONSTRAINT "CreditNote_buyerId_fkey" FOREIGN KEY ("buyerId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CreditNote" ADD CONSTRAINT "CreditNote_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "Invoice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CreditNote" ADD CONSTRAINT "CreditNote_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CreditNoteLine" ADD CONSTRAINT "CreditNoteLine_creditNoteId_fkey" FOREIGN KEY ("creditNoteId") REFERENCES "CreditNote"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_sellerId_fkey" FOREIGN KEY ("sellerId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_buyerId_fkey" FOREIGN KEY ("buyerId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaymentAllocation" ADD CONSTRAINT "PaymentAllocation_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "Payment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaymentAllocation" ADD CONSTRAINT "PaymentAllocation_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "Invoice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChatMessage" ADD CONSTRAINT "ChatMessage_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChatMessage" ADD CONSTRAINT "ChatMessage_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChatAttachment" ADD CONSTRAINT "ChatAttachment_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "ChatMessage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChatReceipt" ADD CONSTRAINT "ChatReceipt_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "ChatMessage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChatReceipt" ADD CONSTRAINT "ChatReceipt_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChatUnread" ADD CONSTRAINT "ChatUnread_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChatUnread" ADD CONSTRAINT "ChatUnread_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NotificationPreference" ADD CONSTRAINT "NotificationPreference_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BakerySettings" ADD CONSTRAINT "BakerySettings_producerId_fkey" FOREIGN KEY ("producerId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StandingOrder" ADD CONSTRAINT "StandingOrder_relationId_fkey" FOREIGN KEY ("relationId") REFERENCES "Relation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StandingOrderDay" ADD CONSTRAINT "StandingOrderDay_standingOrderId_fkey" FOREIGN KEY ("standingOrderId") REFERENCES "StandingOrder"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StandingOrderPrice" ADD CONSTRAINT "StandingOrderPrice_standingOrderId_fkey" FOREIGN KEY ("standingOrderId") REFERENCES "StandingOrder"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StandingOrderProposal" ADD CONSTRAINT "StandingOrderProposal_relationId_fkey" FOREIGN KEY ("relationId") REFERENCES "Relation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeliveryClosure" ADD CONSTRAINT "DeliveryClosure_relationId_fkey" FOREIGN KEY ("relationId") REFERENCES "Relation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeliveryDifference" ADD CONSTRAINT "DeliveryDifference_relationId_fkey" FOREIGN KEY ("relationId") REFERENCES "Relation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Shop" ADD CONSTRAINT "Shop_producerId_fkey" FOREIGN KEY ("producerId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShopOrder" ADD CONSTRAINT "ShopOrder_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShopOrderLine" ADD CONSTRAINT "ShopOrderLine_shopOrderId_fkey" FOREIGN KEY ("shopOrderId") REFERENCES "ShopOrder"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Leftover" ADD CONSTRAINT "Leftover_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InvoiceOrder" ADD CONSTRAINT "InvoiceOrder_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "Invoice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written below this line (not generated by prisma migrate diff):
-- What prisma/schema.prisma cannot say, ported from the SQLite migrations (20261124100000_invoices):
-- the partial unique index and the triggers that freeze invoiced orders and published documents.
-- tests/integration/migrations-postgresql.test.ts compares both catalogs, triggers included.

-- One live invoice per order: a cancelled invoice keeps its number, and publishing again adds a new one.
CREATE UNIQUE INDEX "Invoice_orderId_live_key" ON "Invoice"("orderId") WHERE "status" <> 'CANCELLED';

-- Refuses the row change with the message given as the trigger's argument (SQLite: RAISE(ABORT, ...)).
CREATE FUNCTION "comptoir_refuse_frozen"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '%', TG_ARGV[0];
END;
$$;

-- The invoice freezes the order (second wall behind the services, which answer 409 `frozen`): once an
-- order is INVOICED or PAID, its content and lines no longer change; its status moves only through
-- invoice operations (settlement INVOICED <-> PAID, cancellation back to DELIVERED). The version, the
-- edit-lock columns and updatedAt may still move.
CREATE TRIGGER "Order_frozen_update" BEFORE UPDATE ON "Order" FOR EACH ROW
WHEN (OLD."status" IN ('INVOICED', 'PAID') AND (
    (NEW."status" IS DISTINCT FROM OLD."status" AND NEW."status" NOT IN ('INVOICED', 'PAID', 'DELIVERED'))
    OR NEW."sellerId" IS DISTINCT FROM OLD."sellerId" OR NEW."buyerId" IS DISTINCT FROM OLD."buyerId"
    OR NEW."repId" IS DISTINCT FROM OLD."repId" OR NEW."distributorId" IS DISTINCT FROM OLD."distributorId"
    OR NEW."relationId" IS DISTINCT FROM OLD."relationId" OR NEW."number" IS DISTINCT FROM OLD."number"
    OR NEW."distribution" IS DISTINCT FROM OLD."distribution" OR NEW."deliveryDate" IS DISTINCT FROM OLD."deliveryDate"
    OR NEW."note" IS DISTINCT FROM OLD."note" OR NEW."currency" IS DISTINCT FROM OLD."currency"
    OR NEW."groupDiscountBps" IS DISTINCT FROM OLD."groupDiscountBps" OR NEW."taxesEnabled" IS DISTINCT FROM OLD."taxesEnabled"
    OR NEW."depositsEnabled" IS DISTINCT FROM OLD."depositsEnabled" OR NEW."minOrderCents" IS DISTINCT FROM OLD."minOrderCents"
    OR NEW."subtotalCents" IS DISTINCT FROM OLD."subtotalCents" OR NEW."discountCents" IS DISTINCT FROM OLD."discountCents"
    OR NEW."taxCents" IS DISTINCT FROM OLD."taxCents" OR NEW."depositCents" IS DISTINCT FROM OLD."depositCents"
    OR NEW."totalCents" IS DISTINCT FROM OLD."totalCents" OR NEW."submitted" IS DISTINCT FROM OLD."submitted"
    OR NEW."createdById" IS DISTINCT FROM OLD."createdById" OR NEW."createdByOrgId" IS DISTINCT FROM OLD."createdByOrgId"
    OR NEW."acceptedAt" IS DISTINCT FROM OLD."acceptedAt" OR NEW."shippedAt" IS DISTINCT FROM OLD."shippedAt"
    OR NEW."deliveredAt" IS DISTINCT FROM OLD."deliveredAt" OR NEW."closedAt" IS DISTINCT FROM OLD."closedAt"
    OR NEW."createdAt" IS DISTINCT FROM OLD."createdAt"
))
EXECUTE FUNCTION "comptoir_refuse_frozen"('frozen: the order is invoiced; only invoice operations may change it');

-- A trigger's WHEN cannot read another table on PostgreSQL: the order's status is read in the function.
CREATE FUNCTION "comptoir_order_line_frozen"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (TG_OP <> 'INSERT' AND (SELECT "status" FROM "Order" WHERE "id" = OLD."orderId") IN ('INVOICED', 'PAID'))
        OR (TG_OP <> 'DELETE' AND (SELECT "status" FROM "Order" WHERE "id" = NEW."orderId") IN ('INVOICED', 'PAID')) THEN
        RAISE EXCEPTION 'frozen: the lines of an invoiced order do not change';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER "OrderLine_frozen_insert" BEFORE INSERT ON "OrderLine" FOR EACH ROW EXECUTE FUNCTION "comptoir_order_line_frozen"();
CREATE TRIGGER "OrderLine_frozen_update" BEFORE UPDATE ON "OrderLine" FOR EACH ROW EXECUTE FUNCTION "comptoir_order_line_frozen"();
CREATE TRIGGER "OrderLine_frozen_delete" BEFORE DELETE ON "OrderLine" FOR EACH ROW EXECUTE FUNCTION "comptoir_order_line_frozen"();

-- A published invoice keeps its content: only its settlement (status, creditedCents, paidCents,
-- balanceCents, paidAt, cancelledAt, updatedAt) changes. Its lines and every credit note are immutable.
CREATE TRIGGER "Invoice_frozen_update" BEFORE UPDATE ON "Invoice" FOR EACH ROW
WHEN (NEW."id" IS DISTINCT FROM OLD."id" OR NEW."sellerId" IS DISTINCT FROM OLD."sellerId" OR NEW."buyerId" IS DISTINCT FROM OLD."buyerId"
    OR NEW."orderId" IS DISTINCT FROM OLD."orderId" OR NEW."sequence" IS DISTINCT FROM OLD."sequence" OR NEW."number" IS DISTINCT FROM OLD."number"
    OR NEW."currency" IS DISTINCT FROM OLD."currency" OR NEW."locale" IS DISTINCT FROM OLD."locale" OR NEW."issuedAt" IS DISTINCT FROM OLD."issuedAt"
    OR NEW."dueDate" IS DISTINCT FROM OLD."dueDate" OR NEW."paymentTermsDays" IS DISTINCT FROM OLD."paymentTermsDays"
    OR NEW."orderNumber" IS DISTINCT FROM OLD."orderNumber" OR NEW."deliveryDate" IS DISTINCT FROM OLD."deliveryDate"
    OR NEW."distribution" IS DISTINCT FROM OLD."distribution" OR NEW."note" IS DISTINCT FROM OLD."note"
    OR NEW."seller" IS DISTINCT FROM OLD."seller" OR NEW."buyer" IS DISTINCT FROM OLD."buyer"
    OR NEW."groupDiscountBps" IS DISTINCT FROM OLD."groupDiscountBps" OR NEW."taxesEnabled" IS DISTINCT FROM OLD."taxesEnabled"
    OR NEW."depositsEnabled" IS DISTINCT FROM OLD."depositsEnabled" OR NEW."subtotalCents" IS DISTINCT FROM OLD."subtotalCents"
    OR NEW."discountCents" IS DISTINCT FROM OLD."discountCents" OR NEW."taxCents" IS DISTINCT FROM OLD."taxCents"
    OR NEW."depositCents" IS DISTINCT FROM OLD."depositCents" OR NEW."totalCents" IS DISTINCT FROM OLD."totalCents"
    OR NEW."chainPosition" IS DISTINCT FROM OLD."chainPosition" OR NEW."contentHash" IS DISTINCT FROM OLD."contentHash"
    OR NEW."previousHash" IS DISTINCT FROM OLD."previousHash" OR NEW."createdById" IS DISTINCT FROM OLD."createdById"
    OR NEW."createdByOrgId" IS DISTINCT FROM OLD."createdByOrgId" OR NEW."createdAt" IS DISTINCT FROM OLD."createdAt")
EXECUTE FUNCTION "comptoir_refuse_frozen"('frozen: a published invoice does not change (issue a credit note)');
CREATE TRIGGER "Invoice_frozen_delete" BEFORE DELETE ON "Invoice" FOR EACH ROW EXECUTE FUNCTION "comptoir_refuse_frozen"('frozen: a published invoice is never deleted (cancel it)');
CREATE TRIGGER "InvoiceLine_frozen_update" BEFORE UPDATE ON "InvoiceLine" FOR EACH ROW EXECUTE FUNCTION "comptoir_refuse_frozen"('frozen: the lines of a published invoice do not change');
CREATE TRIGGER "InvoiceLine_frozen_delete" BEFORE DELETE ON "InvoiceLine" FOR EACH ROW EXECUTE FUNCTION "comptoir_refuse_frozen"('frozen: the lines of a published invoice do not change');
CREATE TRIGGER "CreditNote_frozen_update" BEFORE UPDATE ON "CreditNote" FOR EACH ROW EXECUTE FUNCTION "comptoir_refuse_frozen"('frozen: a published credit note does not change');
CREATE TRIGGER "CreditNote_frozen_delete" BEFORE DELETE ON "CreditNote" FOR EACH ROW EXECUTE FUNCTION "comptoir_refuse_frozen"('frozen: a published credit note is never deleted');
CREATE TRIGGER "CreditNoteLine_frozen_update" BEFORE UPDATE ON "CreditNoteLine" FOR EACH ROW EXECUTE FUNCTION "comptoir_refuse_frozen"('frozen: the lines of a published credit note do not change');
CREATE TRIGGER "CreditNoteLine_frozen_delete" BEFORE DELETE ON "CreditNoteLine" FOR EACH ROW EXECUTE FUNCTION "comptoir_refuse_frozen"('frozen: the lines of a published credit note do not change');
