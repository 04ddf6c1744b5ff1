-- A customer's ledger (receivables, payables: app/modules/receivables/ledger.server.ts) reads every
-- invoice and payment of a (seller, buyer) pair in date order: with thousands of them spread over two
-- years of other customers' rows, the table lookups cost more than everything else in the request
-- (docs/benchmarks.md, "Invoices"). These indexes cover the columns the ledger reads, in its order; they
-- replace the narrower [sellerId, buyerId, date] indexes, whose other users they serve as well.

-- DropIndex
DROP INDEX "Invoice_sellerId_buyerId_issuedAt_idx";

-- CreateIndex
CREATE INDEX "Invoice_ledger_idx" ON "Invoice"("sellerId", "buyerId", "issuedAt", "id", "number", "dueDate", "status", "totalCents", "balanceCents", "currency", "orderId");

-- DropIndex
DROP INDEX "Payment_sellerId_buyerId_paidAt_idx";

-- CreateIndex
CREATE INDEX "Payment_ledger_idx" ON "Payment"("sellerId", "buyerId", "paidAt", "id", "amountCents", "reference", "method", "source", "externalId", "deletedAt");
