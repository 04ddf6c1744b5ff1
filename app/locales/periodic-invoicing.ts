// The bakery module's periodic-invoicing texts (see bakery.ts for the shared ones).
const en = {};

const fr: Record<keyof typeof en, string> = {};

export default { en, fr };
