// Who may use the production part of the bakery module: a producer that runs it (a BakerySettings
// row), with the action's permission. Another organization kind is refused (403); a producer that
// does not run the bakery sees none of it (404, like a page that does not exist).
import type { Tx } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import type { Action } from "~/utils/permissions";
import { requireProducerAction } from "../bakery/access.server";
import type { OrgActor } from "../org/actor";

export async function requireBakeryProducer(tx: Tx, actor: OrgActor, action: Action): Promise<string> {
  const producerId = requireProducerAction(actor, action);
  if ((await tx.bakerySettings.count({ where: { producerId } })) === 0) throw new AppError("not_found", "error.not_found");
  return producerId;
}
