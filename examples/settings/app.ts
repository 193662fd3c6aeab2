/** Chat settings: values come back in userSession "chatSettings" and in onSettingsUpdate. */
import * as cl from "edgelit";

cl.onChatStart(async () => {
  await new cl.ChatSettings([
    new cl.Select({
      id: "model",
      label: "Model",
      values: ["gpt-4o-mini", "gpt-4o"],
      initialIndex: 0,
    }),
    new cl.Slider({
      id: "temperature",
      label: "Temperature",
      initial: 0.7,
      min: 0,
      max: 2,
      step: 0.1,
    }),
    new cl.Switch({ id: "stream", label: "Stream", initial: true }),
    new cl.TextInput({
      id: "prefix",
      label: "Prefix",
      initial: "",
      placeholder: "Prepended to answers",
    }),
    new cl.NumberInput({ id: "count", label: "Count", initial: 1 }),
    new cl.Tags({ id: "tags", label: "Tags", initial: ["demo"] }),
  ]).send();
});

function describe(settings: Record<string, unknown>): string {
  return Object.entries(settings)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(", ");
}

cl.onSettingsUpdate(async (settings) => {
  await new cl.Message(`Settings updated: ${describe(settings)}`).send();
});

cl.onMessage(async () => {
  const settings = cl.userSession.get<Record<string, unknown>>("chatSettings") ?? {};
  await new cl.Message(`Current settings: ${describe(settings)}`).send();
});
