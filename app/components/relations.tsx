// Small pieces shared by the relation pages.
import { useFormat, useT } from "./i18n";

type Status = "PENDING" | "ACTIVE" | "DECLINED" | "ENDED" | "EXPIRED";

const STYLES: Record<Status, string> = {
  PENDING: "bg-amber-100 text-amber-800",
  ACTIVE: "bg-green-100 text-green-800",
  DECLINED: "bg-stone-200 text-stone-700",
  ENDED: "bg-stone-200 text-stone-700",
  EXPIRED: "bg-red-100 text-red-800",
};

export function RelationStatusBadge({ status }: { status: Status }) {
  const t = useT();
  return <span className={`badge whitespace-nowrap ${STYLES[status]}`}>{t(`relations.status.${status}`)}</span>;
}

/** "Épiceries fines (5 % discount)", or the bare name when the group gives no discount. */
export function useGroupLabel() {
  const t = useT();
  const fmt = useFormat();
  return (group: { name: string; discountBps: number } | null): string | null =>
    group ? (group.discountBps ? t("relations.groupWithDiscount", { name: group.name, discount: fmt.percent(group.discountBps) }) : group.name) : null;
}
