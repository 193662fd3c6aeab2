/**
 * Commands and modes in the composer: `/search` (also a button), `/picture` (stays picked after
 * sending) and two mode pickers; the answer says what the message carried.
 */
import * as cl from "edgelit";

cl.onChatStart(async () => {
  await cl.setCommands([
    { id: "search", description: "Search the web", icon: "🔎", button: true },
    { id: "picture", description: "Draw a picture", icon: "🖼️", persistent: true },
    { id: "summarize", description: "Summarize the conversation", icon: "📝" },
  ]);
  await cl.setModes([
    {
      id: "model",
      name: "Model",
      options: [
        { id: "fast", name: "Fast", description: "Quick answers", icon: "⚡" },
        { id: "smart", name: "Smart", description: "Careful answers", icon: "🧠", default: true },
      ],
    },
    {
      id: "effort",
      name: "Reasoning effort",
      options: [
        { id: "low", name: "Low" },
        { id: "high", name: "High" },
      ],
    },
  ]);
  await new cl.Message("Pick a command with / or the buttons below.").send();
});

cl.onMessage(async (message) => {
  const modes = Object.entries(message.modes ?? {})
    .map(([mode, option]) => `${mode}=${option}`)
    .join(", ");
  await new cl.Message(
    `command: ${message.command ?? "none"}; modes: ${modes || "none"}; text: ${message.content}`,
  ).send();
});
