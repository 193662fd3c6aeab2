/**
 * A chat platform through a real `edgelit run`: `.dev.vars` beside the app turns Slack on, the
 * signed webhook reaches the Worker past the static assets, and the session answers through the
 * Slack API at SLACK_API_URL (a loopback fake). Discord, not configured, has no route.
 */
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PlatformServer, startPlatformServer } from "../helpers/platform-server.js";
import { freePort, killGroup, startCli, tempApps, waitFor } from "./helpers.js";

const app = `import * as cl from "edgelit";
cl.onMessage(async (m) => {
  await new cl.Message(\`echo from \${cl.context.clientType}: \${m.content}\`).send();
});
`;

const SECRET = "run-test-signing-secret";

describe("Slack through edgelit run", () => {
  const apps = tempApps();
  let fake: PlatformServer;
  let server: { child: import("node:child_process").ChildProcess; output(): string };
  let origin = "";

  beforeAll(async () => {
    fake = await startPlatformServer({
      slackToken: "xoxb-run-test",
      teamsAppId: "unused",
      teamsPassword: "unused",
      teamsJwks: [],
    });
    const dir = apps({
      "app.ts": app,
      ".dev.vars": `SLACK_BOT_TOKEN=xoxb-run-test\nSLACK_SIGNING_SECRET=${SECRET}\nSLACK_API_URL=${fake.url}/slack/api\n`,
    }).dir;
    const port = await freePort();
    const inspector = await freePort();
    server = startCli(
      ["run", "app.ts", "--port", String(port), "--inspector-port", String(inspector)],
      {
        cwd: dir,
      },
    );
    origin = `http://127.0.0.1:${port}`;
    await waitFor(() => server.output().includes(`ready on ${origin}`), 90_000, "edgelit run");
  }, 120_000);

  afterAll(async () => {
    await killGroup(server.child);
    await fake.close();
  });

  it("answers a signed mention in its thread, and has no Discord route", async () => {
    const body = JSON.stringify({
      type: "event_callback",
      team_id: "T9",
      event_id: "EvRun1",
      event: { type: "app_mention", user: "U9", channel: "C9", ts: "900.1", text: "<@UBOT> hi" },
    });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = `v0=${createHmac("sha256", SECRET).update(`v0:${timestamp}:${body}`).digest("hex")}`;
    const res = await fetch(`${origin}/slack/events`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-slack-request-timestamp": timestamp,
        "x-slack-signature": signature,
      },
      body,
    });
    expect(res.status, server.output()).toBe(200);
    await waitFor(
      () =>
        fake.calls.some(
          (c) =>
            c.path === "/slack/api/chat.postMessage" &&
            (c.body as { text?: string; thread_ts?: string }).text === "echo from slack: hi" &&
            (c.body as { thread_ts?: string }).thread_ts === "900.1",
        ),
      30_000,
      "the answer in the thread",
    );
    const discord = await fetch(`${origin}/discord/interactions`, { method: "POST", body: "{}" });
    expect(discord.status).toBe(404);
  });
});
