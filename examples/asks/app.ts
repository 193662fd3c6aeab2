/**
 * Asking the user: a name on chat start (typed in the composer), then on request a choice of
 * buttons ("choose"), a text file ("file") or a question that times out quickly ("quick").
 */
import * as cl from "edgelit";

cl.onChatStart(async () => {
  const res = await new cl.AskUserMessage({ content: "What is your name?", timeout: 300 }).send();
  await new cl.Message(res ? `Hello ${res.output}!` : "No name given.").send();
});

cl.onMessage(async (message) => {
  switch (message.content) {
    case "choose": {
      const res = await new cl.AskActionMessage({
        content: "Continue?",
        actions: [
          new cl.Action({
            name: "continue",
            id: "continue",
            label: "Continue",
            payload: { value: "continue" },
          }),
          new cl.Action({
            name: "cancel",
            id: "cancel",
            label: "Cancel",
            payload: { value: "cancel" },
          }),
        ],
        timeout: 300,
      }).send();
      await new cl.Message(res ? `You chose ${String(res.payload.value)}.` : "No choice.").send();
      return;
    }
    case "file": {
      const files = await new cl.AskFileMessage({
        content: "Please upload a text file to begin!",
        accept: ["text/plain"],
        maxSizeMb: 1,
        maxFiles: 1,
        timeout: 300,
      }).send();
      const file = files?.[0];
      if (!file) return void (await new cl.Message("No file.").send());
      const text = await file.text();
      await new cl.Message(`${file.name} uploaded, it contains ${text.length} characters!`).send();
      return;
    }
    case "quick": {
      const res = await new cl.AskUserMessage({
        content: "Answer within 2 seconds!",
        timeout: 2,
      }).send();
      await new cl.Message(
        res ? `Just in time: ${res.output}` : "Too slow, the question timed out.",
      ).send();
      return;
    }
    default:
      await new cl.Message(`onMessage: ${message.content}`).send();
  }
});
