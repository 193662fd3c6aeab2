/**
 * Issue 11, item 6: the chat profile a client names in `hello` is kept only when
 * `cl.setChatProfiles(user)` offers it to that user; a made-up one is refused and never stored.
 */
import { describe, expect, it } from "vitest";
import * as cl from "../../durable-objects/sdk/index.js";
import { installHooks, newChat } from "./harness.js";

describe("chat profile from the client", () => {
  const seen: unknown[] = [];
  const users: string[] = [];
  const install = () => {
    seen.length = 0;
    users.length = 0;
    installHooks({
      chatProfiles: (user) => {
        users.push(user?.identifier ?? "nobody");
        return [new cl.ChatProfile({ name: "Basic" }), new cl.ChatProfile({ name: "Expert" })];
      },
      chatStart: () => void seen.push(cl.userSession.get("chatProfile") ?? null),
    });
  };

  it("refuses a profile the app does not offer; the app never sees it", async () => {
    install();
    const { client } = await newChat({ chatProfile: "Admin" });
    const refused = await client.next((f) => f.type === "error", 5000, true);
    expect(refused).toMatchObject({ type: "error", code: "not_found", frame: "hello" });
    expect(refused.type === "error" && refused.message).toMatch(/"Admin" is not offered/);
    await client.idle();
    expect(seen).toEqual([null]);
    // Asked for this user (GET /api/config asked too, for the selector).
    expect(users.at(-1)).toMatch(/^visitor:/);
    client.close();
  });

  it("keeps a profile the app offers to that user", async () => {
    install();
    const { client } = await newChat({ chatProfile: "Expert" });
    await client.idle();
    expect(seen).toEqual(["Expert"]);
    expect(client.frames.some((f) => f.type === "error")).toBe(false);
    client.close();
  });

  it("refuses any profile when the app offers none", async () => {
    installHooks({ chatStart: () => void seen.push(cl.userSession.get("chatProfile") ?? null) });
    seen.length = 0;
    const { client } = await newChat({ chatProfile: "Expert" });
    await client.idle();
    expect(seen).toEqual([null]);
    expect(client.frames.find((f) => f.type === "error")).toMatchObject({ code: "not_found" });
    client.close();
  });
});
