// All interface messages, merged from one file per domain (each holds its English and French texts).
import auth from "./auth";
import catalog from "./catalog";
import common from "./common";
import org from "./org";
import relations from "./relations";
import tokens from "./tokens";

const en = { ...common.en, ...auth.en, ...org.en, ...relations.en, ...catalog.en, ...tokens.en };
export type MessageKey = keyof typeof en;
const fr: Record<MessageKey, string> = { ...common.fr, ...auth.fr, ...org.fr, ...relations.fr, ...catalog.fr, ...tokens.fr };

export const messages: Record<"en" | "fr", Record<MessageKey, string>> = { en, fr };
