// The UI polish tests' app (issue 15): settings, two messages in a row, and a waiting ask.
import * as cl from "edgelit";

cl.onChatStart(async () => {
  await new cl.ChatSettings([
    new cl.TextInput({ id: "first", label: "First field", initial: "" }),
    new cl.Switch({ id: "second", label: "Second", initial: true }),
  ]).send();
});

cl.onMessage(async (message) => {
  if (message.content === "ask") {
    const res = await new cl.AskUserMessage({ content: "Your name?", timeout: 120 }).send();
    await new cl.Message(`Hi ${res?.output ?? "nobody"}`).send();
    return;
  }
  await new cl.Message("first of two").send();
  await new cl.Message("second of two").send();
  await new cl.Message({ content: "from someone else", author: "Critic" }).send();
});
