// Conform on the bakery pages: several forms per page, told apart by their `intent` (and an id);
// the server's reply (app/http/conform-form.server.ts) goes to the form that was posted. Works
// without JavaScript: the forms are plain posts, the reply is rendered by the server.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form, useActionData } from "@remix-run/react";
import type { ReactNode } from "react";

type Reply = SubmissionResult<string[]>;

export function useIntentForm(intent: string, key?: string) {
  const reply = useActionData<Reply>();
  const posted = reply?.initialValue as Record<string, unknown> | undefined;
  const mine = posted?.intent === intent && (key === undefined || posted?.id === key || posted?.relation === key);
  const [form] = useForm({ id: key ? `${intent}-${key}` : intent, lastResult: mine ? reply : undefined });
  return { form, values: mine ? posted : undefined };
}

/** What was typed in the form of `intent` when the server refused it (to fill the fields again), else undefined. */
export function useTypedValues(intent: string, key?: string): Record<string, unknown> | undefined {
  const posted = useActionData<Reply>()?.initialValue as Record<string, unknown> | undefined;
  return posted?.intent === intent && (key === undefined || posted?.id === key || posted?.relation === key) ? posted : undefined;
}

/** Every error of the reply (the form's and each field's), in one alert above the fields. */
export function FormErrors({ form }: { form: ReturnType<typeof useIntentForm>["form"] }) {
  const messages = [...new Set(Object.values(form.allErrors).flat())];
  if (messages.length === 0) return null;
  return (
    <div role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800 ring-1 ring-red-200">
      <ul className="list-inside list-disc">
        {messages.map((m) => (
          <li key={m}>{m}</li>
        ))}
      </ul>
    </div>
  );
}

/** A posted form of one intent (`id`: the record it acts on, sent; `formKey`: tells apart forms of one intent), errors first. */
export function IntentForm({ intent, id, formKey, className, children }: { intent: string; id?: string; formKey?: string; className?: string; children: ReactNode }) {
  const { form } = useIntentForm(intent, formKey ?? id);
  return (
    <Form method="post" {...getFormProps(form)} className={className}>
      <input type="hidden" name="intent" value={intent} />
      {id ? <input type="hidden" name="id" value={id} /> : null}
      <FormErrors form={form} />
      {children}
    </Form>
  );
}
