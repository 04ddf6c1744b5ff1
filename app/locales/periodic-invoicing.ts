// The bakery module's periodic-invoicing texts (see bakery.ts for the shared ones).
const en = {
  "periodic.linePrefix": "Delivery of {date} — order #{number}:",
  "periodic.ordersCovered": "Orders covered",
  "periodic.error.mixedOrders": "These orders cannot share one invoice (another customer, currency, or tax or deposit settings).",
  "periodic.error.alreadyInvoiced": "An order is already on invoice {number}.",
  "periodic.error.locked": "An order is being edited by {name}.",
  "periodic.error.range": "The last day must be on or after the first.",
  "periodic.skip.nothing": "Nothing to invoice in this period.",
};

const fr: Record<keyof typeof en, string> = {
  "periodic.linePrefix": "Livraison du {date} — commande n° {number} :",
  "periodic.ordersCovered": "Commandes facturées",
  "periodic.error.mixedOrders": "Ces commandes ne peuvent pas figurer sur une même facture (autre client, devise, taxes ou consignes).",
  "periodic.error.alreadyInvoiced": "Une commande figure déjà sur la facture {number}.",
  "periodic.error.locked": "Une commande est en cours de modification par {name}.",
  "periodic.error.range": "Le dernier jour doit suivre le premier.",
  "periodic.skip.nothing": "Rien à facturer sur cette période.",
};

export default { en, fr };
