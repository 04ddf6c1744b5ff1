// The bakery module's standing texts: standing orders, proposals, calendars, differences (see
// bakery.ts for the shared ones).
const en = {
  "standing.error.quantity": "Between 1 and 1,000,000",
  "standing.error.duplicateFormat": "This item is already in the list",
  "standing.error.unknownFormat": "Not an item of this bakery's catalog",
  "standing.error.pastDate": "This date is in the past",
  "standing.error.datePast": "This date is past: nothing can change any more. Please call the bakery.",
  "standing.error.closureRange": "The end is before the start",
  "standing.error.relationInactive": "This customer relation is not active",
  "standing.error.proposalDecided": "This proposal has already been decided",
};

const fr: Record<keyof typeof en, string> = {
  "standing.error.quantity": "Entre 1 et 1 000 000",
  "standing.error.duplicateFormat": "Cet article est déjà dans la liste",
  "standing.error.unknownFormat": "Cet article n'est pas au catalogue de cette boulangerie",
  "standing.error.pastDate": "Cette date est passée",
  "standing.error.datePast": "Cette date est passée : plus rien ne peut changer. Veuillez appeler la boulangerie.",
  "standing.error.closureRange": "La fin est avant le début",
  "standing.error.relationInactive": "Cette relation client n'est pas active",
  "standing.error.proposalDecided": "Cette proposition a déjà été traitée",
};

export default { en, fr };
