// The bakery module's production texts: shops and counter orders, leftovers, the production list,
// delivery notes and the bakery settings (see bakery.ts for the shared ones).
const en = {
  "production.error.noLines": "Add at least one item.",
  "production.error.shopExists": "A shop already has this name.",
  "production.error.unknownShop": "Choose one of your shops.",
  "production.error.unknownFormat": "Choose an item of your catalog.",
  "production.error.duplicateFormat": "This item is listed twice.",
  "production.error.depositOverTotal": "The deposit cannot be more than the total.",
  "production.error.shopOrderClosed": "This counter order is already picked up or cancelled.",
  "production.error.shopOrderNotInvoiceable": "A shop counter order is paid at the counter and is never invoiced.",
  "production.error.notDelivered": "This customer is not delivered on that date.",
};

const fr: Record<keyof typeof en, string> = {
  "production.error.noLines": "Ajoutez au moins un article.",
  "production.error.shopExists": "Un magasin porte déjà ce nom.",
  "production.error.unknownShop": "Choisissez un de vos magasins.",
  "production.error.unknownFormat": "Choisissez un article de votre catalogue.",
  "production.error.duplicateFormat": "Cet article figure deux fois.",
  "production.error.depositOverTotal": "L'acompte ne peut pas dépasser le total.",
  "production.error.shopOrderClosed": "Cette commande magasin est déjà retirée ou annulée.",
  "production.error.shopOrderNotInvoiceable": "Une commande du livre magasin se paie au comptoir et n'est jamais facturée.",
  "production.error.notDelivered": "Ce client n'est pas livré à cette date.",
};

export default { en, fr };
