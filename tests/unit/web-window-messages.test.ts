import { describe, expect, it } from "vitest";
import { allowedParent, type FramedWindow } from "../../web/src/state/window-messages.js";

function framed(ancestor: string | null, referrer = ""): FramedWindow {
  const win: FramedWindow = {
    parent: null,
    location: ancestor === null ? {} : { ancestorOrigins: [ancestor] },
    document: { referrer },
  };
  win.parent = {};
  return win;
}

describe("the page framing the web app", () => {
  it("is trusted only when allow_origins lists its origin (or *)", () => {
    expect(allowedParent(["https://host.example"], framed("https://host.example"))).toBe(
      "https://host.example",
    );
    expect(allowedParent(["https://host.example"], framed("https://evil.example"))).toBeNull();
    expect(allowedParent([], framed("https://host.example"))).toBeNull();
    // "*" accepts the actual parent, which is still named as the target (never "*").
    expect(allowedParent(["*"], framed("https://any.example"))).toBe("https://any.example");
  });

  it("falls back to the referrer's origin, and is null when not framed", () => {
    expect(
      allowedParent(["https://host.example"], framed(null, "https://host.example/page?q=1")),
    ).toBe("https://host.example");
    expect(allowedParent(["https://host.example"], framed(null, ""))).toBeNull();
    const top: FramedWindow = { parent: null, location: {}, document: { referrer: "" } };
    top.parent = top;
    expect(allowedParent(["*"], top)).toBeNull();
  });
});
