-- Overdue invoice reminders: one row per invoice and business day a reminder was sent, so that a
-- second run the same day sends nothing and the next one knows when the last was sent.
-- CreateTable
CREATE TABLE "InvoiceReminder" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "invoiceId" TEXT NOT NULL,
    "sentOn" TEXT NOT NULL,
    "daysOverdue" INTEGER NOT NULL,
    "recipients" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "InvoiceReminder_invoiceId_sentOn_key" ON "InvoiceReminder"("invoiceId", "sentOn");
