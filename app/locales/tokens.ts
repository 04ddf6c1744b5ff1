const en = {} as const;

const fr: Record<keyof typeof en, string> = {};

export default { en, fr };
