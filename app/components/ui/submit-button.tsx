import { useNavigation } from "@remix-run/react";
import type { ButtonHTMLAttributes } from "react";
import { useT } from "../i18n";

/** A submit button that shows progress and refuses a double submission while its form is posting. */
export function SubmitButton({
  className = "btn-primary",
  children,
  intent,
  disabled,
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { intent?: string }) {
  const navigation = useNavigation();
  const t = useT();
  const busy =
    navigation.state === "submitting" &&
    (intent === undefined || navigation.formData?.get("intent") === intent);
  return (
    <button
      {...rest}
      type="submit"
      className={className}
      name={intent ? "intent" : rest.name}
      value={intent ?? rest.value}
      disabled={busy || disabled}
      aria-busy={busy || undefined}
    >
      {busy ? t("common.loading") : children}
    </button>
  );
}
