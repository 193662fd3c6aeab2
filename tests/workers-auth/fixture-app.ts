/**
 * The auth tests' app: every kind of login. Passwords: `<name>` / `<name>-pw` for ada, bob and
 * carol. Header: `x-test-user: <name>`. OAuth: the provider's default user, except anyone at
 * blocked.example. Messages are echoed.
 */
import * as cl from "edgelit";

const PEOPLE = new Set(["ada", "bob", "carol"]);

cl.passwordAuthCallback((username, password) =>
  PEOPLE.has(username) && password === `${username}-pw`
    ? new cl.User({
        identifier: username,
        displayName: username.toUpperCase(),
        metadata: { via: "password" },
      })
    : null,
);

cl.headerAuthCallback((headers) => {
  const name = headers.get("x-test-user");
  return name && PEOPLE.has(name) ? new cl.User({ identifier: `header:${name}` }) : null;
});

cl.oauthCallback((_provider, _token, raw, defaultUser) =>
  String(raw.email ?? "").endsWith("@blocked.example") ? null : defaultUser,
);

cl.onMessage(async (message) => {
  await new cl.Message(`echo: ${message.content}`).send();
});
