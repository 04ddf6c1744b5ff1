-- Indexes the order lists need at scale (docs/benchmarks.md, "Query plans"): a rep agency's and a
-- distributor's quick filters and badge counts read their orders by status like the seller's and the
-- buyer's do, and the late view (open statuses, delivery date before today) reads only late orders.

-- CreateIndex
CREATE INDEX "Order_sellerId_status_deliveryDate_idx" ON "Order"("sellerId", "status", "deliveryDate");

-- CreateIndex
CREATE INDEX "Order_repId_status_createdAt_id_idx" ON "Order"("repId", "status", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Order_distributorId_status_createdAt_id_idx" ON "Order"("distributorId", "status", "createdAt", "id");
