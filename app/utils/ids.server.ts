// Ids for rows written with raw SQL (Prisma writes cuids for the rest). Like a cuid, an id starts with
// its creation time, so that new rows land at the end of the primary-key index instead of at random
// pages of it; random bits make it unguessable.
import { randomUUID } from "node:crypto";

let counter = 0;

export function newId(): string {
  counter = (counter + 1) % 1_679_616; // 36^4
  const time = Date.now().toString(36).padStart(9, "0");
  // randomUUID draws from a cached pool of entropy: a dozen ids per order cost nothing noticeable, where
  // a randomBytes call each costs a system call.
  return `c${time}${counter.toString(36).padStart(4, "0")}${randomUUID().slice(24)}`;
}
