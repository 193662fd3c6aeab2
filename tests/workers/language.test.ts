/**
 * Issue 15: `cl.context.language` is the language the client reported in `hello` (a BCP 47
 * tag, validated and capped), "en" when it sent none; a made-up value is refused.
 */
import { describe, expect, it } from "vitest";
import * as cl from "../../durable-objects/sdk/index.js";
import { Client, installHooks, newChat, newSession, newVisitor } from "./harness.js";

describe("cl.context.language", () => {
  it("reaches the hooks as the client reported it, and follows a later hello", async () => {
    const heard: string[] = [];
    installHooks({
      chatStart: () => {
        heard.push(`start:${cl.context.language}`);
      },
      message: (m) => {
        heard.push(`${m.content}:${cl.context.language}`);
      },
    });
    const { visitor, id, client: fr } = await newChat({ language: "fr-FR" });
    await fr.idle();
    fr.send({ type: "message", id: "m1", content: "one" });
    await fr.idle();
    fr.close();
    const ar = await Client.open(id, visitor, { language: "ar" });
    ar.send({ type: "message", id: "m2", content: "two" });
    await ar.idle();
    expect(heard).toEqual(["start:fr-FR", "one:fr-FR", "two:ar"]);
  });

  it('is "en" when the client sent none', async () => {
    let heard = "";
    installHooks({
      chatStart: () => {
        heard = cl.context.language;
      },
    });
    await (await newChat()).client.idle();
    expect(heard).toBe("en");
  });

  it("refuses a hello whose language is not a language tag or too long", async () => {
    installHooks({});
    const visitor = await newVisitor();
    const id = await newSession(visitor);
    for (const language of ["<script>", "x".repeat(36), `fr-FR-${"a".repeat(40)}`]) {
      await expect(Client.open(id, visitor, { language }, {}, 1500)).rejects.toThrow(/language/);
    }
  });
});
