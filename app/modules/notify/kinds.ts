// The kinds of email notification a user can switch off. Isomorphic on purpose: the settings page
// renders one switch per kind in the browser too, and a `.server` module is not in the client bundle.
export const NOTIFICATION_KINDS = ["ORDER_NEW", "ORDER_STATUS", "MESSAGE", "INVOICE"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export type NotificationPreferences = Record<NotificationKind, boolean>;
