/**
 * The copilot widget example: the same app answers in the web app and in the widget on any
 * page listed in config.toml's `allow_origins` (host.html is such a page). It streams its
 * answers, calls the host page's functions and exchanges window messages with it.
 */
import * as cl from "edgelit";

cl.onChatStart(async () => {
  await new cl.Message(
    `Hello from the ${cl.context.clientType}! Try /title, /highlight or /steps.`,
  ).send();
});

cl.onMessage(async (message) => {
  const text = message.content.trim();
  if (text === "/title") {
    // Runs `pageTitle` on the host page (the widget's `functions` option) and uses its result.
    const title = await new cl.CopilotFunction({
      name: "pageTitle",
      args: { upper: false },
    }).call();
    await new cl.Message(`This page is called "${String(title)}".`).send();
    return;
  }
  if (text === "/highlight") {
    await cl.sendWindowMessage({ type: "highlight", selector: "h1" });
    await new cl.Message("I asked the page to highlight its heading.").send();
    return;
  }
  if (text === "/steps") {
    await cl.withStep({ name: "lookup", type: "tool" }, async (step) => {
      step.output = "found 3 documents";
    });
  }
  const answer = new cl.Message("");
  for (const word of `You said: ${text}`.split(" ")) {
    await answer.streamToken(`${word} `);
    await cl.sleep(0.02);
  }
  await answer.send();
});

cl.onWindowMessage(async (data) => {
  await new cl.Message(`The page sent me ${JSON.stringify(data)}.`).send();
});
