// Integration tests serve the real Remix build: build it once before the workers start.
import { ensureBuild } from "../../server/build";

export default function setup() {
  ensureBuild(() => {});
}
