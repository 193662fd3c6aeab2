/** A slow task the user can stop: output ends, "Task manually stopped." is shown, onStop runs. */
import * as cl from "edgelit";

cl.onMessage(async () => {
  const msg = new cl.Message({ content: "" });
  for (let i = 1; i <= 200; i++) {
    await msg.streamToken(`${i} `);
    await cl.sleep(0.1);
  }
  await msg.send();
});

cl.onStop(async () => {
  await new cl.Message("Stopped: ask me something else.").send();
});
