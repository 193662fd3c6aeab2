/**
 * The copilot e2e test's other site: a Node server on 127.0.0.1 that serves the example's
 * host page (examples/copilot/host.html, pointed at the app under test) for
 * http://localhost:PORT, a page framing the web app (`/framed`), and a cookie probe that
 * proves third-party cookies are blocked.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { join } from "node:path";
import { type BrowserContext, chromium } from "playwright-core";
import { CHROMIUM_ARGS, ROOT } from "./harness.js";

export interface HostSite {
  url: string;
  /** Whether /probe/check got the probe cookie, per call. */
  probeSeen: boolean[];
  close(): Promise<void>;
}

/** Serves the host page for `appUrl` on `port`. */
export function serveHost(port: number, appUrl: string): Promise<HostSite> {
  const page = readFileSync(join(ROOT, "examples/copilot/host.html"), "utf8").replaceAll(
    "http://127.0.0.1:8787",
    appUrl,
  );
  const probeSeen: boolean[] = [];
  // The web app itself in an iframe, on localhost: same site as this page, another origin.
  const appHere = appUrl.replace("127.0.0.1", "localhost");
  const framed = `<!doctype html><title>Framing page</title><ul id="from-app"></ul>
<iframe id="app" src="${appHere}/" width="800" height="600"></iframe>
<script>
  window.addEventListener("message", (e) => {
    if (e.origin !== ${JSON.stringify(appHere)}) return;
    const li = document.createElement("li");
    li.textContent = JSON.stringify(e.data);
    document.getElementById("from-app").appendChild(li);
  });
  window.toApp = (data) => document.getElementById("app").contentWindow.postMessage(data, ${JSON.stringify(appHere)});
</script>`;
  const server: Server = createServer((req, res) => {
    if (req.url === "/probe/set") {
      // What a third-party cookie needs to be sent at all: SameSite=None; Secure.
      res.writeHead(200, {
        "set-cookie": "probe=1; SameSite=None; Secure; Path=/",
        "content-type": "text/html",
      });
      return res.end("<p>probe</p>");
    }
    if (req.url === "/probe/check") {
      probeSeen.push(/(^|;\s*)probe=1/.test(req.headers.cookie ?? ""));
      res.writeHead(204, { "access-control-allow-origin": "*" });
      return res.end();
    }
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(req.url === "/framed" ? framed : page);
  });
  return new Promise((resolve) => {
    server.listen(port, "127.0.0.1", () =>
      resolve({
        url: `http://localhost:${port}`,
        probeSeen,
        close: () => new Promise((r) => server.close(() => r()).closeAllConnections()),
      }),
    );
  });
}

/**
 * A Chromium profile (a persistent one: incognito contexts have their own cookie defaults)
 * that blocks third-party cookies when `block`, as users can set it and browsers move to:
 * Preferences `profile.cookie_controls_mode = 1`; else it allows them (mode 0).
 */
export async function cookieProfile(userDataDir: string, block: boolean): Promise<BrowserContext> {
  mkdirSync(join(userDataDir, "Default"), { recursive: true });
  writeFileSync(
    join(userDataDir, "Default", "Preferences"),
    JSON.stringify({
      profile: { cookie_controls_mode: block ? 1 : 0, block_third_party_cookies: block },
    }),
  );
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.EDGELIT_CHROMIUM ?? "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
  });
}

/**
 * From a page on 127.0.0.1, sets a cookie in a cross-site iframe (`site`, on localhost) and
 * sends a credentialed request there: true when the cookie went along (not blocked).
 */
export async function thirdPartyCookieSent(
  context: BrowserContext,
  site: HostSite,
  port: number,
): Promise<boolean> {
  const page = await context.newPage();
  // The page on 127.0.0.1, the cookie's site localhost (where Chromium lets http set Secure).
  await page.goto(`http://127.0.0.1:${port}/probe-page`);
  const other = site.url;
  await page.evaluate(async (origin) => {
    const frame = document.createElement("iframe");
    frame.src = `${origin}/probe/set`;
    const loaded = new Promise((r) => {
      frame.onload = r;
    });
    document.body.appendChild(frame);
    await loaded;
    await fetch(`${origin}/probe/check`, { credentials: "include", mode: "no-cors" });
  }, other);
  await page.close();
  return site.probeSeen.at(-1) === true;
}
