import { useEffect, useState } from "react";

/** A polite status message after a successful action; fades after a few seconds with JavaScript. */
export function Toast({ message }: { message: string | null }) {
  const [visible, setVisible] = useState(Boolean(message));
  useEffect(() => {
    setVisible(Boolean(message));
    if (!message) return;
    const timer = setTimeout(() => setVisible(false), 5_000);
    return () => clearTimeout(timer);
  }, [message]);
  if (!message || !visible) return null;
  return (
    <div role="status" aria-live="polite" className="fixed bottom-4 right-4 z-50 rounded-md bg-stone-900 px-4 py-3 text-sm text-white shadow-lg">
      {message}
    </div>
  );
}
