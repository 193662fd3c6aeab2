/**
 * A custom element shipped by the app in public/elements/Counter.js (docs/custom-elements.md):
 * it updates its own props, calls the "counter_report" action and sends messages.
 */
import * as cl from "edgelit";

cl.onChatStart(async () => {
  await new cl.Message({
    content: "A counter element:",
    elements: [new cl.CustomElement({ name: "Counter", props: { count: 0 } })],
  }).send();
});

cl.actionCallback("counter_report", async (action) => {
  await new cl.Message(`The counter says ${String(action.payload.count)}.`).send();
});

cl.onMessage(async (message) => {
  await new cl.Message(`You said: ${message.content}`).send();
});
