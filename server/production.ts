// The entry of build/server.js (bundled by server/build.ts): what `npm start` serves from, with
// plain Node, once server/prepare.ts has checked, migrated and built (server/start.js).
import { serve } from "./serve";

serve().catch((error) => {
  console.error(error);
  process.exit(1);
});
