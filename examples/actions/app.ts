/**
 * Action buttons: a callback that reads the payload, one that removes its own button, and one
 * that takes no argument and clears every button of the message.
 */
import * as cl from "edgelit";

cl.onChatStart(async () => {
  const menu = await new cl.Message({
    content: "Pick an action.",
    actions: [
      new cl.Action({ name: "greet", id: "greet", label: "Say hello", payload: { who: "world" } }),
      new cl.Action({ name: "once", id: "once", label: "Only once", tooltip: "Removes itself" }),
      new cl.Action({ name: "clear", id: "clear", label: "Remove all buttons" }),
    ],
  }).send();
  cl.userSession.set("menu", menu);
});

cl.actionCallback("greet", async (action) => {
  await new cl.Message(`Hello ${String(action.payload.who)}!`).send();
});

cl.actionCallback("once", async (action) => {
  await action.remove();
  await new cl.Message("That button is gone.").send();
});

cl.actionCallback("clear", async () => {
  await (cl.userSession.get("menu") as cl.Message).removeActions();
  await new cl.Message("All buttons removed.").send();
});

cl.onMessage(async (message) => {
  await new cl.Message(`You said: ${message.content}`).send();
});
