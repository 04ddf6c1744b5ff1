// The Content-Security-Policy nonce of the page being rendered on the server (server/security-headers.ts):
// the inline scripts Remix writes carry it. In the browser it is "" (browsers hide nonces from the
// DOM, and scripts added after hydration are not inline).
import { createContext, useContext } from "react";

export const CspNonceContext = createContext("");

export function useCspNonce(): string {
  return useContext(CspNonceContext);
}
