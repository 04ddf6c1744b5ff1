// All interface messages, merged from one file per domain (each holds its English and French texts).
import auth from "./auth";
import bakery from "./bakery";
import intake from "./intake";
import periodicInvoicing from "./periodic-invoicing";
import production from "./production";
import standing from "./standing";
import catalog from "./catalog";
import chat from "./chat";
import common from "./common";
import documents from "./documents";
import invoiceDocuments from "./invoice-documents";
import invoices from "./invoices";
import org from "./org";
import orders from "./orders";
import receivables from "./receivables";
import relations from "./relations";
import tokens from "./tokens";

const en = { ...common.en, ...auth.en, ...org.en, ...relations.en, ...catalog.en, ...tokens.en, ...documents.en, ...invoiceDocuments.en, ...invoices.en, ...orders.en, ...chat.en, ...receivables.en, ...bakery.en, ...standing.en, ...intake.en, ...production.en, ...periodicInvoicing.en };
export type MessageKey = keyof typeof en;
const fr: Record<MessageKey, string> = { ...common.fr, ...auth.fr, ...org.fr, ...relations.fr, ...catalog.fr, ...tokens.fr, ...documents.fr, ...invoiceDocuments.fr, ...invoices.fr, ...orders.fr, ...chat.fr, ...receivables.fr, ...bakery.fr, ...standing.fr, ...intake.fr, ...production.fr, ...periodicInvoicing.fr };

export const messages: Record<"en" | "fr", Record<MessageKey, string>> = { en, fr };
