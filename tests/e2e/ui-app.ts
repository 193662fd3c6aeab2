// The browser UI-config tests' app: an echo that also sends toasts ("toast TYPE text").
import * as cl from "edgelit";

const TYPES = new Map<string, cl.ToastType>(
  (["info", "success", "warning", "error"] as const).map((t) => [t, t]),
);

cl.onChatStart(async () => {
  await new cl.Message("Hello! Send me anything and I will echo it.").send();
});

cl.onMessage(async (message) => {
  const [word, name = "", ...rest] = message.content.split(" ");
  const type = TYPES.get(name);
  if (word === "toast" && type) {
    await cl.sendToast(rest.join(" "), type);
    return;
  }
  await new cl.Message(`You said: ${message.content}`).send();
});
