// The intake board stays current: with the live connection, it reloads its data when an order of the
// organization changes (order:updated) or the date's intake does (bakery:changed {date}); while the
// connection is down, it polls every 10 seconds (the seed's "rafraîchies toutes les 10 secondes").
import { useRevalidator } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { isLiveConnected, onLiveEvent, useLiveOrders } from "../live";

export const POLL_MS = 10_000;

export function useBakeryLive(date: string): { live: boolean } {
  useLiveOrders({ scope: "org" });
  const revalidator = useRevalidator();
  const revalidate = useRef(revalidator);
  revalidate.current = revalidator;
  const [live, setLive] = useState(false);

  useEffect(() => {
    const reload = () => {
      if (revalidate.current.state === "idle") revalidate.current.revalidate();
    };
    const off = onLiveEvent<{ date: string }>("bakery:changed", (event) => {
      if (event.date === date) reload();
    });
    const timer = setInterval(() => {
      const up = isLiveConnected();
      setLive(up);
      if (!up && document.visibilityState === "visible") reload();
    }, POLL_MS);
    const check = setTimeout(() => setLive(isLiveConnected()), 1_000);
    return () => {
      off();
      clearInterval(timer);
      clearTimeout(check);
    };
  }, [date]);

  return { live };
}
