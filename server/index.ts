// Entry point of `npm run dev` and of the tests' server processes (`node --import tsx server/index.ts`):
// prepare (configuration, migrations, demo data, build: server/prepare.ts) and serve
// (server/serve.ts) in one process. `npm start` runs the same two halves from server/start.js, the
// serving one without tsx.
import { prepare } from "./prepare";
import { serve } from "./serve";

async function main() {
  await prepare();
  await serve();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
