import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { platformSessionId } from "../../protocol/platforms.js";
import { quiet, waitFor } from "../helpers/wait.js";
import { installPlatformApp, starts } from "./app.js";
import { calls, d1Thread, discordAsk, discordRequest, now, send } from "./helpers.js";

type Body = {
  content?: string;
  components?: { components: { custom_id: string; label: string }[] }[];
};

/** The webhook calls made with one interaction's token. */
async function tokenCalls(token: string) {
  return (await calls()).filter((c) =>
    c.path.startsWith(`/discord/webhooks/${env.DISCORD_APPLICATION_ID}/${token}`),
  );
}

beforeAll(() => installPlatformApp());

describe("Discord", () => {
  it("answers a signed PING with a PONG", async () => {
    const res = await send(
      await discordRequest({ id: "1", type: 1, application_id: env.DISCORD_APPLICATION_ID }),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ type: 1 });
  });

  it("defers /ask, then streams the answer by editing the original response", async () => {
    const res = await send(await discordRequest(discordAsk("1001", "71", "81", "slow hi")));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ type: 5 });
    const final = "discord discord:71 says slow hi";
    const edits = await waitFor(
      async () => {
        const found = await tokenCalls("itoken-1001");
        return found.some((c) => (c.body as Body).content === final) && found;
      },
      20_000,
      "the final edit",
    );
    expect(edits.length).toBeGreaterThanOrEqual(2);
    for (const edit of edits) expect(edit).toMatchObject({ method: "PATCH" });
    expect(edits.every((e) => e.path.endsWith("/messages/@original"))).toBe(true);
    expect(edits.at(-1)?.body).toMatchObject({ content: final, allowed_mentions: { parse: [] } });
    for (let i = 1; i < edits.length; i++) {
      expect((edits[i]?.at ?? 0) - (edits[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(900);
    }
  });

  it("runs onChatStart once per channel and persists the thread for the Discord user", async () => {
    await send(await discordRequest(discordAsk("1002", "72", "82", "first")));
    await waitFor(async () => (await tokenCalls("itoken-1002")).length > 0, 15_000, "first answer");
    await send(await discordRequest(discordAsk("1003", "72", "82", "second")));
    await waitFor(
      async () =>
        (await tokenCalls("itoken-1003")).some(
          (c) => (c.body as Body).content === "discord discord:72 says second",
        ),
      15_000,
      "second answer",
    );
    const session = await platformSessionId("discord:55555:82");
    expect(starts.filter((s) => s.session === session)).toEqual([
      { clientType: "discord", session },
    ]);
    const thread = await waitFor(() => d1Thread(session), 15_000, "the D1 thread");
    expect(thread).toMatchObject({ owner_identifier: "discord:72", name: "first" });
  });

  it("shows actions as buttons; a click is acknowledged and answered with a follow-up", async () => {
    await send(await discordRequest(discordAsk("1004", "73", "83", "buttons")));
    const edit = await waitFor(
      async () =>
        (await tokenCalls("itoken-1004")).find((c) => (c.body as Body).content === "Pick one"),
      15_000,
      "the buttons",
    );
    const button = (edit.body as Body).components?.[0]?.components[0];
    expect(button?.label).toBe("One");
    const click = {
      id: "1005",
      application_id: env.DISCORD_APPLICATION_ID,
      type: 3,
      token: "itoken-1005",
      channel_id: "83",
      guild_id: "55555",
      member: { user: { id: "74", username: "other" } },
      data: { custom_id: button?.custom_id, component_type: 2 },
    };
    const res = await send(await discordRequest(click));
    expect(await res.json()).toEqual({ type: 6 });
    const followUp = await waitFor(
      async () =>
        (await tokenCalls("itoken-1005")).find(
          (c) => (c.body as Body).content === "picked 1 by discord:74",
        ),
      15_000,
      "the action's follow-up",
    );
    expect(followUp).toMatchObject({
      method: "POST",
      path: `/discord/webhooks/${env.DISCORD_APPLICATION_ID}/itoken-1005`,
    });
  });

  it("shares an answer's elements as file follow-ups", async () => {
    await send(await discordRequest(discordAsk("1011", "76", "85", "files")));
    const files = await waitFor(
      async () => {
        const found = (await tokenCalls("itoken-1011")).filter((c) => typeof c.body === "string");
        return found.length === 2 && found;
      },
      15_000,
      "two file follow-ups",
    );
    const bodies = files.map((f) => String(f.body)).join("\n");
    expect(bodies).toContain('filename="notes.txt"');
    expect(bodies).toContain("file body 123");
    expect(bodies).toContain('filename="summary.md"');
  });

  it("refuses a forged signature, a stale timestamp, a replay and another application's interaction", async () => {
    const other = await crypto.subtle.generateKey({ name: "Ed25519" }, true, ["sign", "verify"]);
    const jwk = await crypto.subtle.exportKey("jwk", (other as CryptoKeyPair).privateKey);
    const forged = await send(
      await discordRequest(discordAsk("1006", "75", "84", "forged"), { jwk: jwk as JsonWebKey }),
    );
    expect(forged.status).toBe(401);
    const stale = await send(
      await discordRequest(discordAsk("1007", "75", "84", "stale"), { timestamp: now() - 6 * 60 }),
    );
    expect(stale.status).toBe(401);
    const tampered = await discordRequest(discordAsk("1008", "75", "84", "tampered"));
    const body = (await tampered.clone().text()).replace("tampered", "tampereD");
    const changed = await send(
      new Request(tampered.url, { method: "POST", headers: tampered.headers, body }),
    );
    expect(changed.status).toBe(401);
    const request = await discordRequest(discordAsk("1009", "75", "84", "once"));
    const replay = request.clone();
    expect((await send(request)).status).toBe(200);
    expect((await send(replay)).status).toBe(409);
    const foreign = await send(
      await discordRequest({ ...discordAsk("1010", "75", "84", "x"), application_id: "999" }),
    );
    expect(foreign.status).toBe(400);
    await quiet(1500);
    for (const id of ["1006", "1007", "1008", "1010"])
      expect(await tokenCalls(`itoken-${id}`)).toEqual([]);
  });
});
