import { beforeAll, describe, expect, it } from "vitest";
import { platformSessionId } from "../../protocol/platforms.js";
import { quiet, waitFor } from "../helpers/wait.js";
import { installPlatformApp, starts } from "./app.js";
import { calls, d1Thread, now, send, slackEvent, slackRequest } from "./helpers.js";

type Body = { channel?: string; thread_ts?: string; ts?: string; text?: string; blocks?: unknown };

/** The Slack API calls about one thread (posts into it, and updates of those posts). */
async function threadCalls(channel: string, threadTs: string) {
  const all = (await calls()).filter((c) => c.path.startsWith("/slack/api/"));
  const posts = all.filter(
    (c) =>
      c.path.endsWith("chat.postMessage") &&
      (c.body as Body).thread_ts === threadTs &&
      (c.body as Body).channel === channel,
  );
  const updates = all.filter(
    (c) => c.path.endsWith("chat.update") && (c.body as Body).channel === channel,
  );
  return { posts, updates };
}

beforeAll(() => installPlatformApp());

describe("Slack", () => {
  it("answers the url_verification challenge", async () => {
    const res = await send(await slackRequest({ type: "url_verification", challenge: "c-123" }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: "c-123" });
  });

  it("streams the answer to a mention by updating one message, at most once a second, ending on the exact text", async () => {
    const started = Date.now();
    const res = await send(
      await slackRequest(
        slackEvent({ user: "U1", channel: "C1", ts: "100.1", text: "slow hello" }),
      ),
    );
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(3000);
    const final = "slack slack:T1:U1 says slow hello";
    const { posts, updates } = await waitFor(
      async () => {
        const found = await threadCalls("C1", "100.1");
        return found.updates.some((u) => (u.body as Body).text === final) && found;
      },
      20_000,
      "the final update",
    );
    expect(posts).toHaveLength(1);
    expect(posts[0]?.authorization).toBe("Bearer xoxb-test-token");
    expect(posts[0]?.body).not.toMatchObject({ text: final });
    expect(updates.length).toBeGreaterThanOrEqual(2);
    expect(updates.at(-1)?.body).toMatchObject({ text: final });
    for (let i = 1; i < updates.length; i++) {
      // Throttled, the final text too: one update per second per message (arrival times,
      // give or take the loopback's jitter).
      expect((updates[i]?.at ?? 0) - (updates[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(900);
    }
  });

  it("runs onChatStart once per thread and persists the thread for the Slack user", async () => {
    const first = await send(
      await slackRequest(slackEvent({ user: "U2", channel: "C2", ts: "200.1", text: "one" })),
    );
    expect(first.status).toBe(200);
    await waitFor(
      async () => (await threadCalls("C2", "200.1")).posts.length === 1,
      15_000,
      "first answer",
    );
    const second = await send(
      await slackRequest(
        slackEvent({ user: "U2", channel: "C2", ts: "200.2", thread_ts: "200.1", text: "two" }),
      ),
    );
    expect(second.status).toBe(200);
    await waitFor(
      async () =>
        (await threadCalls("C2", "200.1")).posts.some(
          (p) => (p.body as Body).text === "slack slack:T1:U2 says two",
        ),
      15_000,
      "second answer",
    );
    const session = await platformSessionId("slack:T1:C2:200.1");
    expect(starts.filter((s) => s.session === session)).toEqual([{ clientType: "slack", session }]);
    const thread = await waitFor(() => d1Thread(session), 15_000, "the D1 thread");
    expect(thread).toMatchObject({ owner_identifier: "slack:T1:U2", name: "one" });
  });

  it("shows actions as buttons and runs the action when one is clicked", async () => {
    await send(
      await slackRequest(slackEvent({ user: "U3", channel: "C3", ts: "300.1", text: "buttons" })),
    );
    const post = await waitFor(
      async () =>
        (await threadCalls("C3", "300.1")).posts.find((p) => (p.body as Body).text === "Pick one"),
      15_000,
      "the buttons",
    );
    const blocks = (
      post.body as {
        blocks: { type: string; elements?: { action_id: string; text: { text: string } }[] }[];
      }
    ).blocks;
    const button = blocks.find((b) => b.type === "actions")?.elements?.[0];
    expect(button?.text.text).toBe("One");
    const click = {
      type: "block_actions",
      user: { id: "U3", team_id: "T1" },
      team: { id: "T1" },
      channel: { id: "C3" },
      message: { ts: "1700000000.1", thread_ts: "300.1" },
      actions: [{ action_id: button?.action_id, value: button?.action_id }],
    };
    const res = await send(await slackRequest(click, { form: true }));
    expect(res.status).toBe(200);
    await waitFor(
      async () =>
        (await threadCalls("C3", "300.1")).posts.some(
          (p) => (p.body as Body).text === "picked 1 by slack:T1:U3",
        ),
      15_000,
      "the action's answer",
    );
  });

  it("shares an answer's elements as files in the thread", async () => {
    await send(
      await slackRequest(slackEvent({ user: "U7", channel: "C7", ts: "700.1", text: "files" })),
    );
    const shared = await waitFor(
      async () => {
        const all = (await calls()).filter((c) => c.path.endsWith("files.completeUploadExternal"));
        const here = all.filter((c) => (c.body as { channel_id?: string }).channel_id === "C7");
        return here.length === 2 && here;
      },
      15_000,
      "two shared files",
    );
    const all = await calls();
    const titles = shared.map((c) => (c.body as { files: { title: string }[] }).files[0]?.title);
    expect(titles.sort()).toEqual(["notes.txt", "summary.md"]);
    expect(shared[0]?.body).toMatchObject({ thread_ts: "700.1" });
    const uploads = all.filter((c) => c.path.startsWith("/slack/upload/")).map((c) => c.body);
    expect(uploads).toContain("file body 123");
    expect(uploads).toContain("# Summary");
  });

  it("refuses a forged signature and a stale timestamp, and runs nothing", async () => {
    const forged = await send(
      await slackRequest(slackEvent({ user: "U4", channel: "C4", ts: "400.1", text: "forged" }), {
        secret: "not-the-secret",
      }),
    );
    expect(forged.status).toBe(401);
    const stale = await send(
      await slackRequest(slackEvent({ user: "U4", channel: "C4", ts: "400.2", text: "stale" }), {
        timestamp: now() - 6 * 60,
      }),
    );
    expect(stale.status).toBe(401);
    const future = await send(
      await slackRequest(slackEvent({ user: "U4", channel: "C4", ts: "400.3", text: "future" }), {
        timestamp: now() + 6 * 60,
      }),
    );
    expect(future.status).toBe(401);
    await quiet(500);
    expect((await calls()).some((c) => (c.body as Body | null)?.channel === "C4")).toBe(false);
  });

  it("refuses a replayed request, and answers an event Slack retries only once", async () => {
    const request = await slackRequest(
      slackEvent(
        { user: "U5", channel: "C5", ts: "500.1", text: "once" },
        { eventId: "EvReplay1" },
      ),
    );
    const replay = request.clone();
    expect((await send(request)).status).toBe(200);
    expect((await send(replay)).status).toBe(409);
    // A retry: same event, new timestamp and signature.
    await new Promise((r) => setTimeout(r, 1100));
    const retry = await send(
      await slackRequest(
        slackEvent(
          { user: "U5", channel: "C5", ts: "500.1", text: "once" },
          { eventId: "EvReplay1" },
        ),
      ),
    );
    expect(retry.status).toBe(200);
    expect(await retry.json()).toMatchObject({ duplicate: true });
    await waitFor(
      async () => (await threadCalls("C5", "500.1")).posts.length > 0,
      15_000,
      "the answer",
    );
    await quiet(1000);
    expect((await threadCalls("C5", "500.1")).posts).toHaveLength(1);
  });

  it("rate-limits a flood of messages from one user", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await send(
        await slackRequest(
          slackEvent({ user: "U6", channel: "C6", ts: `600.${i}`, text: `flood ${i}` }),
        ),
      );
      statuses.push(res.status);
      if (res.status === 429)
        expect((await res.json<{ error: string }>()).error).toMatch(/slow down/i);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429]);
  });
});
