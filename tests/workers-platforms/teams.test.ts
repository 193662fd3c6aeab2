import { beforeAll, describe, expect, it } from "vitest";
import { platformSessionId } from "../../protocol/platforms.js";
import { TEAMS_BOT_TOKEN } from "../helpers/platform-server.js";
import { quiet, waitFor } from "../helpers/wait.js";
import { installPlatformApp, starts } from "./app.js";
import {
  calls,
  d1Thread,
  send,
  serviceUrl,
  teamsActivity,
  teamsRequest,
  teamsToken,
} from "./helpers.js";
import { TEAMS_APP_ID, TEAMS_APP_PASSWORD } from "./secrets.js";

type Body = {
  text?: string;
  attachments?: { content: { buttons: { title: string; value: { edgelitAction: string } }[] } }[];
};

/** The Bot Connector calls about one conversation. */
async function conversationCalls(conversation: string) {
  return (await calls()).filter((c) =>
    c.path.startsWith(`/teams/connector/v3/conversations/${conversation}/`),
  );
}

beforeAll(() => installPlatformApp());

describe("Microsoft Teams", () => {
  it("answers a message by posting a reply and updating it, with a client-credentials token", async () => {
    const res = await send(
      teamsRequest(
        teamsActivity("a1", "aad-1", "conv-1", "<at>Edgelit</at> slow hey"),
        await teamsToken(),
      ),
    );
    expect(res.status).toBe(200);
    const final = "teams teams:aad-1 says slow hey";
    const found = await waitFor(
      async () => {
        const all = await conversationCalls("conv-1");
        return all.some((c) => c.method === "PUT" && (c.body as Body).text === final) && all;
      },
      20_000,
      "the final update",
    );
    const posts = found.filter((c) => c.method === "POST");
    const updates = found.filter((c) => c.method === "PUT");
    expect(posts).toHaveLength(1);
    expect(posts[0]?.path).toBe("/teams/connector/v3/conversations/conv-1/activities/a1");
    expect(posts[0]?.authorization).toBe(`Bearer ${TEAMS_BOT_TOKEN}`);
    expect(updates.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < updates.length; i++) {
      expect((updates[i]?.at ?? 0) - (updates[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(900);
    }
    const token = (await calls()).find((c) => c.path === "/teams/token");
    expect(token?.body).toMatchObject({
      grant_type: "client_credentials",
      client_id: TEAMS_APP_ID,
      client_secret: TEAMS_APP_PASSWORD,
    });
  });

  it("runs onChatStart once per conversation, persists it for the Teams user, and runs card actions", async () => {
    await send(teamsRequest(teamsActivity("b1", "aad-2", "conv-2", "buttons"), await teamsToken()));
    const post = await waitFor(
      async () =>
        (await conversationCalls("conv-2")).find((c) => (c.body as Body).text === "Pick one"),
      15_000,
      "the card",
    );
    const button = (post.body as Body).attachments?.[0]?.content.buttons[0];
    expect(button?.title).toBe("One");
    const click = { ...teamsActivity("b2", "aad-2", "conv-2", ""), value: button?.value };
    expect((await send(teamsRequest(click, await teamsToken()))).status).toBe(200);
    await waitFor(
      async () =>
        (await conversationCalls("conv-2")).some(
          (c) => (c.body as Body).text === "picked 1 by teams:aad-2",
        ),
      15_000,
      "the action's answer",
    );
    const session = await platformSessionId("teams:conv-2");
    expect(starts.filter((s) => s.session === session)).toEqual([{ clientType: "teams", session }]);
    const thread = await waitFor(() => d1Thread(session), 15_000, "the D1 thread");
    expect(thread).toMatchObject({ owner_identifier: "teams:aad-2", name: "buttons" });
  });

  it("answers an ask with the user's next message", async () => {
    await send(teamsRequest(teamsActivity("c1", "aad-3", "conv-3", "ask"), await teamsToken()));
    await waitFor(
      async () =>
        (await conversationCalls("conv-3")).some((c) => (c.body as Body).text === "Your name?"),
      15_000,
      "the question",
    );
    await send(teamsRequest(teamsActivity("c2", "aad-3", "conv-3", "Ada"), await teamsToken()));
    await waitFor(
      async () =>
        (await conversationCalls("conv-3")).some((c) => (c.body as Body).text === "Hello Ada"),
      15_000,
      "the answer",
    );
  });

  it("refuses tokens for another audience or issuer, signed by another key, expired, or for another serviceUrl", async () => {
    const other = await crypto.subtle.generateKey(
      {
        name: "RSASSA-PKCS1-v1_5",
        modulusLength: 2048,
        publicExponent: new Uint8Array([1, 0, 1]),
        hash: "SHA-256",
      },
      true,
      ["sign", "verify"],
    );
    const foreignJwk = {
      ...((await crypto.subtle.exportKey(
        "jwk",
        (other as CryptoKeyPair).privateKey,
      )) as JsonWebKey),
      kid: "test-key-1",
    };
    const attempts: [string, string, unknown][] = [
      ["wrong audience", await teamsToken({}, { audience: "another-app" }), null],
      ["wrong issuer", await teamsToken({}, { issuer: "https://evil.example" }), null],
      ["foreign key", await teamsToken({}, { jwk: foreignJwk }), null],
      ["expired", await teamsToken({}, { expiresIn: -3600 }), null],
      [
        "claim for another service",
        await teamsToken({ serviceurl: "https://smba.example/amer/" }),
        null,
      ],
      [
        "activity for another service",
        await teamsToken(),
        { serviceUrl: "http://127.0.0.1:1/evil" },
      ],
      ["no token", "", null],
    ];
    for (const [what, token, patch] of attempts) {
      const activity = {
        ...teamsActivity(`d-${what}`, "aad-4", "conv-4", "attack"),
        ...(patch ?? {}),
      };
      const res = await send(teamsRequest(activity, token));
      expect([what, res.status]).toEqual([what, 401]);
    }
    const replayed = teamsActivity("d-once", "aad-4", "conv-4", "once");
    const token = await teamsToken();
    expect((await send(teamsRequest(replayed, token))).status).toBe(200);
    expect((await send(teamsRequest(replayed, token))).status).toBe(409);
    await waitFor(
      async () => (await conversationCalls("conv-4")).length > 0,
      15_000,
      "the one answer",
    );
    await quiet(1000);
    const answers = (await conversationCalls("conv-4")).filter((c) => c.method === "POST");
    expect(answers.map((c) => (c.body as Body).text)).toEqual(["teams teams:aad-4 says once"]);
    expect(serviceUrl()).toContain("/teams/connector");
  });
});
