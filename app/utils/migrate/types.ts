// What differs per database when migrating (connecting, locking, applying) behind one interface:
// app/utils/migrate.server.ts reads the migration files and drives a MigrationTarget.
export type Migration = { name: string; sql: string; checksum: string };

export interface MigrationTarget {
  /** True when the database held no applied migration before this run (the server seeds it then). */
  readonly isNew: boolean;
  /** Names of the migrations already applied (finished and not rolled back), as `_prisma_migrations` records them. */
  appliedNames(): Promise<Set<string>>;
  /** Runs the migration's SQL and records its `_prisma_migrations` row in ONE transaction: all or nothing. */
  apply(migration: Migration): Promise<void>;
  /** Releases the lock and the connection. */
  close(): Promise<void>;
}

/** Connects, takes the database's migration lock, and creates `_prisma_migrations` when missing. */
export type OpenMigrationTarget = (databaseUrl: string) => Promise<MigrationTarget>;
