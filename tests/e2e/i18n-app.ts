// The i18n/audio e2e app: the audio-openai example plus a greeting that names the user's language.
import * as cl from "edgelit";
import "../../examples/audio-openai/app.ts";

cl.onChatStart(async () => {
  await new cl.Message(`language: ${cl.context.language}`).send();
});
