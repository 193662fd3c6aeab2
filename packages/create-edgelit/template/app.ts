/**
 * Your Edgelit app: a streaming assistant. Each chat is a Durable Object; these hooks run in it.
 * It answers with Workers AI when the `AI` binding is on in wrangler.jsonc, with any
 * OpenAI-compatible server when OPENAI_API_KEY is set, and with an offline demo otherwise.
 */
import * as cl from "edgelit";
import { chooseModel } from "./model";

cl.setStarters(() => [
  new cl.Starter({ label: "What is Edgelit?", message: "What is Edgelit, in three sentences?" }),
  new cl.Starter({
    label: "Write a haiku",
    message: "Write a haiku about the edge of the network.",
  }),
]);

cl.onChatStart(() => {
  cl.userSession.set("turns", 0);
});

cl.onMessage(async (message) => {
  cl.userSession.set("turns", (cl.userSession.get<number>("turns") ?? 0) + 1);

  // A step shows up in the chat as "Used Choose a model", with its output folded inside.
  const model = await cl.withStep({ name: "Choose a model", type: "tool" }, async (step) => {
    const chosen = chooseModel();
    step.input = message.content;
    step.output = chosen.label;
    return chosen;
  });

  const answer = new cl.Message({ content: "", author: model.label });
  const history = [
    { role: "system" as const, content: "You are a helpful assistant. Answer in Markdown." },
    ...cl.chatContext.toOpenAI(),
  ];
  for await (const token of model.stream(history, cl.context.signal)) {
    await answer.streamToken(token);
  }
  await answer.send();
});
