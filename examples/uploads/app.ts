/**
 * Spontaneous uploads (see config.toml: text and images, 2 files of 1 MB at most): the files
 * reach onMessage as `message.elements`.
 */
import * as cl from "edgelit";

cl.onMessage(async (message) => {
  const lines = [`Received ${message.elements.length} file(s).`];
  for (const el of message.elements) {
    const file = el as cl.UploadedFile;
    const detail = file.mime === "text/plain" ? `: "${(await file.text()).trim()}"` : "";
    lines.push(`- ${file.name} (${file.mime}, ${file.size} bytes, ${file.type})${detail}`);
  }
  await new cl.Message(`${message.content}\n\n${lines.join("\n")}`).send();
});
