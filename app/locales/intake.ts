// The bakery module's intake texts (see bakery.ts for the shared ones).
const en = {
  "intake.error.validated": "This date is validated: its intake is closed.",
  "intake.error.orderNotFound": "This order is not one of the date's orders to take in.",
  "intake.error.notInConflict": "This order is not one of the customer's orders for the date.",
  "intake.error.noConflict": "This customer has no conflict for the date.",
  "intake.error.conflictsOpen": "Resolve the conflicts first: keep one order per customer.",
};

const fr: Record<keyof typeof en, string> = {
  "intake.error.validated": "Cette date est validée : son injection est close.",
  "intake.error.orderNotFound": "Cette commande ne fait pas partie des commandes de la date.",
  "intake.error.notInConflict": "Cette commande ne fait pas partie des commandes du client pour la date.",
  "intake.error.noConflict": "Ce client n’a pas de conflit pour cette date.",
  "intake.error.conflictsOpen": "Résolvez d’abord les conflits : gardez une commande par client.",
};

export default { en, fr };
