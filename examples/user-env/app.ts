/** `[project] user_env`: keys the user types once in the browser, read from userSession "env". */
import * as cl from "edgelit";

cl.onMessage(async () => {
  const env = cl.userSession.get<Record<string, string>>("env") ?? {};
  const key = env.MY_API_KEY ?? "";
  await new cl.Message(key ? `Your key ends with ${key.slice(-4)}.` : "No key given.").send();
});
