// The browser test app for header auth only: a proxy's `x-test-user` header is the user.
import * as cl from "edgelit";

cl.headerAuthCallback((headers) => {
  const name = headers.get("x-test-user");
  return name ? new cl.User({ identifier: name }) : null;
});

cl.onMessage(async (message) => {
  await new cl.Message(`You said: ${message.content}`).send();
});
