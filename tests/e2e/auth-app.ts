// The browser auth tests' app: password login (ada / ada-pw), OAuth, and an echo.
import * as cl from "edgelit";

cl.passwordAuthCallback((username, password) =>
  username === "ada" && password === "ada-pw"
    ? new cl.User({ identifier: "ada", displayName: "Ada" })
    : null,
);

cl.oauthCallback((_provider, _token, _raw, defaultUser) => defaultUser);

cl.onMessage(async (message) => {
  const user = cl.userSession.get("user") as cl.User | undefined;
  await new cl.Message(`echo for ${user?.identifier}: ${message.content}`).send();
});
