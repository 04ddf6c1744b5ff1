// The URL patterns of a Remix build's routes ("/api/v1/orders/:id"), compiled once, most specific
// first (static segments before dynamic ones before a splat). The API dispatcher routes by them and
// the request log names a request by its pattern, never by the ids (or tokens) of its URL.
import type { ServerBuild } from "@remix-run/node";

export type RoutePattern = {
  routeId: string;
  /** "/api/v1/orders/:id" */
  template: string;
  pattern: RegExp;
  paramNames: string[];
  rank: number[];
};

function compile(routeId: string, path: string): RoutePattern {
  const paramNames: string[] = [];
  const rank: number[] = [];
  const parts = path.split("/").map((segment) => {
    if (segment === "*") {
      paramNames.push("*");
      rank.push(0);
      return "(.*)";
    }
    if (segment.startsWith(":")) {
      paramNames.push(segment.slice(1));
      rank.push(1);
      return "([^/]+)";
    }
    rank.push(2);
    return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  });
  return { routeId, template: `/${path}`, pattern: new RegExp(`^/${parts.join("/")}/?$`), paramNames, rank };
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const diff = (b[i] ?? -1) - (a[i] ?? -1);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** Every route with its full path (flat routes nest by file name: a URL is its ancestors' paths joined). */
export function routePatternsOf(build: ServerBuild, keep: (path: string) => boolean = () => true): RoutePattern[] {
  const fullPath = (id: string | undefined): string => {
    const route = id ? build.routes[id] : undefined;
    if (!route || route.id === "root") return "";
    return [fullPath(route.parentId), route.path ?? ""].filter(Boolean).join("/");
  };
  return Object.values(build.routes)
    .map((route) => ({ id: route.id, path: fullPath(route.id) }))
    .filter(({ path }) => keep(path))
    .map(({ id, path }) => compile(id, path))
    .sort((a, b) => compare(a.rank, b.rank));
}

export function matchRoutePattern<R extends RoutePattern>(routes: R[], pathname: string): { route: R; rawParams: string[] } | null {
  for (const route of routes) {
    const m = route.pattern.exec(pathname);
    if (m) return { route, rawParams: m.slice(1) };
  }
  return null;
}

/** The pattern a path falls under, for the logs: the server's own paths, a build route, else "(unmatched)". */
export function templateFinder(build: ServerBuild, serverPaths: string[]): (pathname: string) => string {
  const routes = routePatternsOf(build);
  const own = new Set(serverPaths);
  return (pathname) => {
    if (own.has(pathname)) return pathname;
    if (pathname.startsWith("/build/")) return "/build/*";
    return matchRoutePattern(routes, pathname)?.route.template ?? "(unmatched)";
  };
}
