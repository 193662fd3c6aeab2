/**
 * Keeps `<state>/assets/public` in step with the app's `public/` while `edgelit run` is up, so
 * an edited or added file is served without a restart (as Chainlit serves public/ from disk).
 * wrangler dev watches the assets folder and picks the copies up.
 */
import { cpSync, existsSync, rmSync, watch } from "node:fs";
import { join } from "node:path";

/** Starts mirroring; returns a function that stops it. */
export function syncPublic(publicDir: string, assetsDir: string): () => void {
  const target = join(assetsDir, "public");
  let timer: NodeJS.Timeout | undefined;
  const copy = () => {
    try {
      rmSync(target, { recursive: true, force: true });
      if (existsSync(publicDir)) cpSync(publicDir, target, { recursive: true, dereference: true });
    } catch (err) {
      console.error(`edgelit: could not copy ${publicDir}: ${(err as Error).message}`);
    }
  };
  const watcher = watch(publicDir, { recursive: true }, () => {
    clearTimeout(timer);
    timer = setTimeout(copy, 100);
  });
  watcher.on("error", () => watcher.close());
  return () => {
    clearTimeout(timer);
    watcher.close();
  };
}
