/** The smallest Edgelit app: echo every message back. */
import * as cl from "edgelit";

cl.onChatStart(async () => {
  await new cl.Message("Hello! Send me anything and I will echo it.").send();
});

cl.onMessage(async (message) => {
  await new cl.Message(`You said: ${message.content}`).send();
});
