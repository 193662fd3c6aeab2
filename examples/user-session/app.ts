/**
 * Per-session state that survives reloads, hibernation and restarts: a counter and a message
 * whose buttons are removed later, from another hook.
 */
import * as cl from "edgelit";

cl.onChatStart(async () => {
  cl.userSession.set("count", 0);
  const menu = await new cl.Message({
    content: "Count your messages. Click to reset the counter.",
    actions: [new cl.Action({ name: "reset", payload: {}, label: "Reset", id: "reset" })],
  }).send();
  cl.userSession.set("menu", menu);
});

cl.actionCallback("reset", async () => {
  cl.userSession.set("count", 0);
  await (cl.userSession.get("menu") as cl.Message).removeActions();
  await new cl.Message("Counter reset.").send();
});

cl.onMessage(async () => {
  const count = (cl.userSession.get<number>("count") ?? 0) + 1;
  cl.userSession.set("count", count);
  await new cl.Message(`Message number ${count} in this chat.`).send();
});
