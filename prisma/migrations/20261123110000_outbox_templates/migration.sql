-- Emails written inside busy transactions store their template and props; the outbox worker renders them.
ALTER TABLE "OutboxEmail" ADD COLUMN "template" TEXT;
ALTER TABLE "OutboxEmail" ADD COLUMN "props" TEXT;
