// Pieces shared by the catalog pages: the search/family filter (a GET form), status badges, and the
// text of integer amounts in inputs ("1,85" in a French organization, "1.85" in an English one).
import { Form, Link } from "@remix-run/react";
import { useId } from "react";
import { useFormat, useT } from "./i18n";
import { TextAreaField, TextField } from "./ui/field";
import { toDecimalString } from "~/utils/money";

export function ActiveBadge({ active }: { active: boolean }) {
  const t = useT();
  return active ? (
    <span className="badge bg-emerald-50 text-emerald-800 ring-1 ring-inset ring-emerald-200">{t("catalog.status.active")}</span>
  ) : (
    <span className="badge bg-stone-100 text-stone-600 ring-1 ring-inset ring-stone-300">{t("catalog.status.inactive")}</span>
  );
}

/** Search by name or SKU and filter by family; works as a plain GET form without JavaScript. */
export function CatalogFilter({ families, q, family }: { families: string[]; q?: string; family?: string }) {
  const t = useT();
  const filtered = Boolean(q || family);
  return (
    <Form method="get" role="search" className="card mb-6 flex flex-col gap-3 p-4 sm:flex-row sm:items-end">
      <div className="flex-1">
        <label htmlFor="catalog-q" className="label">
          {t("catalog.search.label")}
        </label>
        <input id="catalog-q" name="q" type="search" className="input mt-1" defaultValue={q ?? ""} placeholder={t("catalog.search.placeholder")} />
      </div>
      {families.length > 0 ? (
        <div className="sm:w-56">
          <label htmlFor="catalog-family" className="label">
            {t("catalog.family.label")}
          </label>
          <select id="catalog-family" name="family" className="input mt-1" defaultValue={family ?? ""}>
            <option value="">{t("catalog.family.all")}</option>
            {families.map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div className="flex gap-2">
        <button type="submit" className="btn-secondary">
          {t("action.search")}
        </button>
        {filtered ? (
          <Link to="." className="btn-ghost">
            {t("catalog.clearFilters")}
          </Link>
        ) : null}
      </div>
    </Form>
  );
}

/** Groups items by family, in the order they come (the services sort by family, then name). */
export function groupByFamily<T extends { family: string }>(items: T[]): { family: string; items: T[] }[] {
  const groups: { family: string; items: T[] }[] = [];
  for (const item of items) {
    const last = groups[groups.length - 1];
    if (last && last.family === item.family) last.items.push(item);
    else groups.push({ family: item.family, items: [item] });
  }
  return groups;
}

/** An integer amount as the text of an input, with the organization's decimal mark. */
export function useDecimalInput() {
  const { locale } = useFormat();
  const comma = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === "decimal")?.value === ",";
  return (value: number, decimals: number, minDecimals: number) => {
    const text = toDecimalString(value, decimals, minDecimals);
    return comma ? text.replace(".", ",") : text;
  };
}

export function CheckboxField({ label, name, defaultChecked, hint, disabled }: { label: string; name: string; defaultChecked: boolean; hint?: string; disabled?: boolean }) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="inline-flex cursor-pointer items-center gap-2 text-sm font-medium text-stone-800">
        <input
          id={id}
          type="checkbox"
          name={name}
          defaultChecked={defaultChecked}
          disabled={disabled}
          aria-describedby={hint ? `${id}-hint` : undefined}
          className="h-4 w-4 rounded border-stone-300 text-brand-600 focus:ring-brand-500"
        />
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-stone-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

type ProductValues = { name: string; sku: string; family: string; description: string; active: boolean };

/** The fields of a product (new and edit pages), with the errors of the last post. */
export function ProductFields({ values, errors, families }: { values: ProductValues; errors: Record<string, string>; families: string[] }) {
  const t = useT();
  const listId = useId();
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <TextField label={t("catalog.product.name")} name="name" required maxLength={120} defaultValue={values.name} error={errors.name} />
      <TextField
        label={t("catalog.product.sku")}
        name="sku"
        required
        maxLength={64}
        autoCapitalize="characters"
        spellCheck={false}
        defaultValue={values.sku}
        error={errors.sku}
        hint={t("catalog.product.skuHint")}
      />
      <div>
        <TextField
          label={t("catalog.product.family")}
          name="family"
          maxLength={60}
          list={listId}
          defaultValue={values.family}
          error={errors.family}
          hint={t("catalog.product.familyHint")}
        />
        <datalist id={listId}>
          {families.map((f) => (
            <option key={f} value={f} />
          ))}
        </datalist>
      </div>
      <div className="sm:pt-7">
        <CheckboxField label={t("catalog.product.active")} name="active" defaultChecked={values.active} hint={t("catalog.product.activeHint")} />
      </div>
      <TextAreaField
        className="sm:col-span-2"
        label={t("catalog.product.description")}
        name="description"
        rows={3}
        maxLength={2000}
        defaultValue={values.description}
        error={errors.description}
      />
    </div>
  );
}
