// The schema a database actually holds, read from its catalog and normalised so that a SQLite file and
// a PostgreSQL database can be compared: tables, columns (nullability, type family), primary keys,
// indexes (unique or not, columns in order, partial predicate), foreign keys and triggers.
import Database from "better-sqlite3";
import { withClient } from "./postgresql";

export type TypeFamily = "text" | "integer" | "bigint" | "boolean" | "timestamp" | "float" | "decimal" | "json" | "bytes";
export type CatalogColumn = { name: string; family: TypeFamily | `unknown:${string}`; nullable: boolean };
export type CatalogIndex = { name: string; unique: boolean; columns: string[]; where: string | null };
export type CatalogForeignKey = { columns: string[]; references: string; referencedColumns: string[]; onDelete: string; onUpdate: string };
export type CatalogTable = {
  columns: CatalogColumn[];
  primaryKey: string[];
  indexes: CatalogIndex[];
  foreignKeys: CatalogForeignKey[];
  triggers: string[];
};
export type Catalog = Record<string, CatalogTable>;

const FAMILIES: Record<string, TypeFamily> = {
  // SQLite's declared types, as Prisma writes them
  TEXT: "text",
  INTEGER: "integer",
  BIGINT: "bigint",
  BOOLEAN: "boolean",
  DATETIME: "timestamp",
  REAL: "float",
  DECIMAL: "decimal",
  JSONB: "json",
  BLOB: "bytes",
  // PostgreSQL's information_schema.columns.data_type
  text: "text",
  "character varying": "text",
  integer: "integer",
  bigint: "bigint",
  boolean: "boolean",
  "timestamp without time zone": "timestamp",
  "timestamp with time zone": "timestamp",
  "double precision": "float",
  numeric: "decimal",
  jsonb: "json",
  bytea: "bytes",
};

function family(type: string): CatalogColumn["family"] {
  return FAMILIES[type] ?? `unknown:${type}`;
}

/** `("status" <> 'CANCELLED'::text)` and `"status" <> 'CANCELLED'` both become `status <> 'CANCELLED'`. */
export function normalisePredicate(sql: string): string {
  return sql
    .replace(/::[a-z ]+/g, "")
    .replace(/["()]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

const SKIPPED_TABLES = new Set(["_prisma_migrations", "sqlite_sequence"]);

function sortTable(table: CatalogTable): CatalogTable {
  return {
    columns: [...table.columns].sort((a, b) => a.name.localeCompare(b.name)),
    primaryKey: table.primaryKey,
    indexes: [...table.indexes].sort((a, b) => a.name.localeCompare(b.name)),
    foreignKeys: [...table.foreignKeys].sort((a, b) => a.columns.join().localeCompare(b.columns.join())),
    triggers: [...table.triggers].sort(),
  };
}

export function sqliteCatalog(file: string): Catalog {
  const db = new Database(file, { readonly: true });
  try {
    const catalog: Catalog = {};
    const tables = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
      .all() as { name: string }[];
    for (const { name } of tables) {
      if (SKIPPED_TABLES.has(name)) continue;
      const info = db.prepare(`SELECT * FROM pragma_table_info(?)`).all(name) as { name: string; type: string; notnull: number; pk: number }[];
      const indexList = db.prepare(`SELECT * FROM pragma_index_list(?)`).all(name) as { name: string; unique: number; origin: string; partial: number }[];
      const indexes = indexList
        .filter((i) => i.origin !== "pk")
        .map((i) => {
          const columns = (db.prepare(`SELECT name FROM pragma_index_info(?) ORDER BY seqno`).all(i.name) as { name: string }[]).map((c) => c.name);
          let where: string | null = null;
          if (i.partial) {
            const { sql } = db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?`).get(i.name) as { sql: string };
            where = normalisePredicate(sql.slice(sql.search(/\bWHERE\b/i) + "WHERE".length));
          }
          return { name: i.name, unique: i.unique === 1, columns, where };
        });
      const fkRows = db.prepare(`SELECT * FROM pragma_foreign_key_list(?) ORDER BY id, seq`).all(name) as {
        id: number;
        table: string;
        from: string;
        to: string;
        on_update: string;
        on_delete: string;
      }[];
      const foreignKeys = new Map<number, CatalogForeignKey>();
      for (const fk of fkRows) {
        const entry = foreignKeys.get(fk.id) ?? { columns: [], references: fk.table, referencedColumns: [], onDelete: fk.on_delete, onUpdate: fk.on_update };
        entry.columns.push(fk.from);
        entry.referencedColumns.push(fk.to);
        foreignKeys.set(fk.id, entry);
      }
      const triggers = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?`).all(name) as { name: string }[]).map((t) => t.name);
      catalog[name] = sortTable({
        columns: info.map((c) => ({ name: c.name, family: family(c.type), nullable: c.notnull === 0 && c.pk === 0 })),
        primaryKey: info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name),
        indexes,
        foreignKeys: [...foreignKeys.values()],
        triggers,
      });
    }
    return catalog;
  } finally {
    db.close();
  }
}

const PG_ACTIONS: Record<string, string> = { a: "NO ACTION", r: "RESTRICT", c: "CASCADE", n: "SET NULL", d: "SET DEFAULT" };

export function postgresqlCatalog(databaseUrl: string): Promise<Catalog> {
  return withClient(databaseUrl, async (client) => {
    const catalog: Catalog = {};
    const columns = await client.query<{ table: string; name: string; type: string; nullable: string }>(
      `SELECT table_name AS "table", column_name AS name, data_type AS type, is_nullable AS nullable
       FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`,
    );
    const indexes = await client.query<{ table: string; name: string; unique: boolean; primary: boolean; columns: string[]; where: string | null }>(
      `SELECT t.relname AS "table", i.relname AS name, ix.indisunique AS "unique", ix.indisprimary AS "primary",
              array(SELECT a.attname::text FROM unnest(ix.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.ord) AS columns,
              pg_get_expr(ix.indpred, ix.indrelid) AS "where"
       FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = current_schema()`,
    );
    const foreignKeys = await client.query<{ table: string; references: string; columns: string[]; referencedColumns: string[]; onDelete: string; onUpdate: string }>(
      `SELECT t.relname AS "table", f.relname AS "references",
              array(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.ord) AS columns,
              array(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY AS k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum ORDER BY k.ord) AS "referencedColumns",
              c.confdeltype AS "onDelete", c.confupdtype AS "onUpdate"
       FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class f ON f.oid = c.confrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace WHERE c.contype = 'f' AND n.nspname = current_schema()`,
    );
    const triggers = await client.query<{ table: string; name: string }>(
      `SELECT t.relname AS "table", tg.tgname AS name FROM pg_trigger tg JOIN pg_class t ON t.oid = tg.tgrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace WHERE NOT tg.tgisinternal AND n.nspname = current_schema()`,
    );
    const table = (name: string) => (catalog[name] ??= { columns: [], primaryKey: [], indexes: [], foreignKeys: [], triggers: [] });
    for (const c of columns.rows) {
      if (SKIPPED_TABLES.has(c.table)) continue;
      table(c.table).columns.push({ name: c.name, family: family(c.type), nullable: c.nullable === "YES" });
    }
    for (const i of indexes.rows) {
      if (SKIPPED_TABLES.has(i.table)) continue;
      if (i.primary) table(i.table).primaryKey = i.columns;
      else table(i.table).indexes.push({ name: i.name, unique: i.unique, columns: i.columns, where: i.where === null ? null : normalisePredicate(i.where) });
    }
    for (const fk of foreignKeys.rows) {
      table(fk.table).foreignKeys.push({
        columns: fk.columns,
        references: fk.references,
        referencedColumns: fk.referencedColumns,
        onDelete: PG_ACTIONS[fk.onDelete] ?? fk.onDelete,
        onUpdate: PG_ACTIONS[fk.onUpdate] ?? fk.onUpdate,
      });
    }
    for (const t of triggers.rows) table(t.table).triggers.push(t.name);
    return Object.fromEntries(Object.keys(catalog).sort().map((name) => [name, sortTable(catalog[name])]));
  });
}
