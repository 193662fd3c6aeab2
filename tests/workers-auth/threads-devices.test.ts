import { describe, expect, it } from "vitest";
import type { ThreadPage } from "../../protocol/api.js";
import { waitFor } from "../helpers/wait.js";
import { api } from "../workers/d1.js";
import { Client, newSession, transcript } from "../workers/harness.js";
import { login } from "./helpers.js";

describe("a thread on another device of the same user", () => {
  it("is listed in that device's history, opens whole and continues", async () => {
    const laptop = await login("carol");
    // A second sign-in a second later (a token of its own): another browser, same identifier.
    await new Promise((r) => setTimeout(r, 1100));
    const phone = await login("carol");
    expect(phone.cookie).not.toBe(laptop.cookie);
    const id = await newSession(laptop);
    const first = await Client.open(id, laptop);
    first.send({ type: "message", id: "m1", content: "started on the laptop" });
    await first.idle();
    first.close();

    const listed = await waitFor(
      async () => {
        const page = (await (await api(phone, "/api/threads")).json()) as ThreadPage;
        return page.threads.find((t) => t.id === id);
      },
      5000,
      "the thread in the phone's history",
    );
    expect(listed.name).toBe("started on the laptop");

    const second = await Client.open(id, phone);
    const snapshot = await second.next((f) => f.type === "snapshot", 5000, true);
    expect(snapshot.type === "snapshot" && snapshot.snapshot.steps.map((s) => s.output)).toEqual([
      "started on the laptop",
      "echo: started on the laptop",
    ]);
    second.send({ type: "message", id: "m2", content: "continued on the phone" });
    await second.idle();
    expect([...transcript(second.frames).values()].map((s) => s.output).slice(-2)).toEqual([
      "continued on the phone",
      "echo: continued on the phone",
    ]);
    second.close();

    // Someone else signed in sees none of it.
    const bob = await login("bob");
    expect((await api(bob, `/api/threads/${id}`)).status).toBe(404);
    await expect(Client.open(id, bob)).rejects.toThrow(/404/);
  });
});
