// Who acts, and for which organization: passed explicitly to every service.
import type { OrgKind, Role } from "~/utils/permissions";

export type OrgActor = {
  userId: string;
  userName: string;
  orgId: string;
  orgSlug: string;
  orgName: string;
  orgKind: OrgKind;
  role: Role;
};
