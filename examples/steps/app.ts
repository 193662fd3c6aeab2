/** Multi-step reasoning shown as collapsible, nested steps. */
import * as cl from "edgelit";

const search = cl.step({ type: "tool" }, async function search(query: string) {
  await cl.sleep(0.2);
  return `3 results for "${query}"`;
});

const summarize = cl.step({ type: "llm" }, async function summarize(text: string) {
  await cl.sleep(0.2);
  return `Summary of: ${text}`;
});

cl.onMessage(async (message) => {
  const summary = await cl.withStep({ name: "research", type: "run" }, async () => {
    const results = await search(message.content);
    return summarize(results);
  });
  await cl.withStep({ name: "check", type: "tool" }, async (step) => {
    step.input = summary;
    step.output = "looks right";
  });
  await new cl.Message(`Done: ${summary}`).send();
});
