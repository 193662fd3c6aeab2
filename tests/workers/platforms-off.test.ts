import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";

describe("chat platform routes without their secrets", () => {
  it("do not exist: 404 for Slack, Discord and Teams", async () => {
    for (const path of ["/slack/events", "/discord/interactions", "/teams/messages"]) {
      const res = await SELF.fetch(`http://edgelit.test${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ type: "url_verification", challenge: "x" }),
      });
      expect([path, res.status]).toEqual([path, 404]);
    }
  });
});
