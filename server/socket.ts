// socket.io: the client authenticates on the handshake with the session cookie or `auth.token`
// (API clients). Rooms and events come with the orders and chat issues.
import type { Server, Socket } from "socket.io";
import { authenticateApiToken } from "~/modules/api-token/api-token.server";
import { readSession } from "~/utils/session.server";

export type SocketUser = { id: string; name: string };

export function attachSocketHandlers(io: Server): void {
  io.use(async (socket: Socket, next) => {
    try {
      const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
      if (typeof token === "string" && token) {
        const { actor } = await authenticateApiToken(token);
        socket.data.user = { id: actor.userId, name: actor.userName } satisfies SocketUser;
        return next();
      }
      const { user } = await readSession(socket.handshake.headers.cookie ?? null);
      if (!user) return next(new Error("unauthenticated"));
      socket.data.user = { id: user.id, name: user.name } satisfies SocketUser;
      next();
    } catch {
      next(new Error("unauthenticated"));
    }
  });
  io.on("connection", (socket) => {
    socket.join(`user:${(socket.data.user as SocketUser).id}`);
  });
}
