/**
 * The platform tests' app: the same hooks answer every platform. A message is answered with
 * where it came from and who sent it, streamed word by word; "slow …" streams over seconds;
 * "buttons" offers an action; "files" attaches two elements; "ask" asks a question answered
 * by the next message.
 */
import * as cl from "../../durable-objects/sdk/index.js";
import { installHooks } from "../workers/harness.js";

/** Each onChatStart run: the client type and the session id it ran in. */
export const starts: { clientType: string; session: string }[] = [];

export function installPlatformApp(): void {
  installHooks({
    chatStart: () => {
      starts.push({ clientType: cl.context.clientType, session: cl.context.session.id });
    },
    message: async (message) => {
      if (message.content === "buttons") {
        const pick = new cl.Action({ name: "pick", payload: { v: 1 }, label: "One" });
        await new cl.Message({ content: "Pick one", actions: [pick] }).send();
        return;
      }
      if (message.content === "files") {
        const summary = new cl.Text({
          name: "summary.md",
          content: "# Summary",
          display: "inline",
        });
        const notes = new cl.File({
          name: "notes.txt",
          content: "file body 123",
          mime: "text/plain",
        });
        await new cl.Message({ content: "Here are files", elements: [summary, notes] }).send();
        return;
      }
      if (message.content === "ask") {
        const answer = await new cl.AskUserMessage({ content: "Your name?", timeout: 20 }).send();
        await new cl.Message({ content: `Hello ${answer?.output ?? "nobody"}` }).send();
        return;
      }
      const user = cl.userSession.get("user") as cl.User;
      const words = [cl.context.clientType, ` ${user.identifier}`, " says", ` ${message.content}`];
      const slow = message.content.startsWith("slow");
      const msg = new cl.Message({ content: "" });
      for (const word of words) {
        await msg.streamToken(word);
        if (slow) await cl.sleep(0.7);
      }
      await msg.send();
    },
    actions: new Map([
      [
        "pick",
        async (action: cl.Action) => {
          const user = cl.userSession.get("user") as cl.User;
          await new cl.Message({
            content: `picked ${action.payload.v} by ${user.identifier}`,
          }).send();
        },
      ],
    ]),
  });
}
