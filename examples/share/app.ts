/**
 * Sharing a thread read-only by link: `features.allow_thread_sharing` in config.toml turns on
 * the header's share button; `cl.onSharedThreadView` decides who may read a shared thread.
 */
import * as cl from "edgelit";

cl.onMessage(async (message) => {
  await new cl.Message({
    content: `You said: ${message.content}`,
    actions: [new cl.Action({ name: "again", payload: {}, label: "Again" })],
  }).send();
});

cl.actionCallback("again", async () => {
  await new cl.Message("Again!").send();
});

// Anyone holding the link may read it, except a thread named "private".
cl.onSharedThreadView(async (thread) => thread.name !== "private");
