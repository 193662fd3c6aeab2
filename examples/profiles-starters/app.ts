/** Chat profiles with their own starters, and the profile in userSession "chatProfile". */
import * as cl from "edgelit";

cl.setChatProfiles(() => [
  new cl.ChatProfile({
    name: "Helper",
    markdownDescription: "A **helpful** assistant.",
    icon: "/public/helper.svg",
    default: true,
    starters: [
      new cl.Starter({ label: "Say hello", message: "Hello there" }),
      new cl.Starter({ label: "Tell a joke", message: "Tell me a joke" }),
    ],
  }),
  new cl.ChatProfile({
    name: "Pirate",
    markdownDescription: "Arr. Speaks like a _pirate_.",
    icon: "/public/pirate.svg",
    starters: [new cl.Starter({ label: "Ahoy", message: "Ahoy matey" })],
  }),
]);

cl.setStarters(() => [
  new cl.Starter({ label: "Plain starter", message: "From the plain starter" }),
]);

cl.onMessage(async (message) => {
  const profile = cl.userSession.get<string>("chatProfile") ?? "none";
  await new cl.Message(`[${profile}] ${message.content}`).send();
});
