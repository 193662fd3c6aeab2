/**
 * Speech in, text out: the microphone button records (`[features.audio]` in config.toml), the
 * recording is transcribed by any OpenAI-compatible `/v1/audio/transcriptions` endpoint
 * (`OPENAI_BASE_URL`, `OPENAI_API_KEY`; model `OPENAI_TRANSCRIBE_MODEL`, default whisper-1),
 * shown as the user's message, and answered by the chat model. With `OPENAI_TTS_MODEL` set,
 * the answer is also spoken (`cl.Audio` with `autoPlay`).
 */
import { env } from "cloudflare:workers";
import * as cl from "edgelit";
import OpenAI, { toFile } from "openai";

/** The pieces of the recording in progress, per session (a recording lives in memory). */
const recordings = new Map<string, { mimeType: string; chunks: Uint8Array[] }>();

function client(): OpenAI {
  return new OpenAI({ apiKey: env.OPENAI_API_KEY ?? "none", baseURL: env.OPENAI_BASE_URL });
}

cl.onAudioStart(() => {
  recordings.set(cl.context.session.id, { mimeType: "audio/webm", chunks: [] });
  return true;
});

cl.onAudioChunk((chunk) => {
  const recording = recordings.get(cl.context.session.id);
  if (!recording) return;
  recording.mimeType = chunk.mimeType;
  recording.chunks.push(chunk.data);
});

cl.onAudioEnd(async () => {
  const recording = recordings.get(cl.context.session.id);
  recordings.delete(cl.context.session.id);
  if (!recording || recording.chunks.length === 0) return;
  const type = recording.mimeType.split(";")[0] ?? "audio/webm";
  const file = await toFile(new Blob(recording.chunks, { type }), `speech.${type.split("/")[1]}`);
  const openai = client();
  const { text } = await openai.audio.transcriptions.create(
    {
      file,
      model: env.OPENAI_TRANSCRIBE_MODEL ?? "whisper-1",
      // Whisper takes ISO 639-1: "fr" of the browser's "fr-FR".
      language: cl.context.language.split("-")[0],
    },
    { signal: cl.context.signal },
  );
  await new cl.Message({ content: text, type: "user_message", author: "You" }).send();
  const completion = await cl.instrumentOpenAI(openai).chat.completions.create(
    {
      model: env.OPENAI_MODEL ?? "gpt-4o-mini",
      messages: cl.chatContext.toOpenAI(),
    },
    { signal: cl.context.signal },
  );
  const answer = completion.choices[0]?.message.content ?? "";
  const elements: cl.Element[] = [];
  if (env.OPENAI_TTS_MODEL) {
    const speech = await openai.audio.speech.create({
      model: env.OPENAI_TTS_MODEL,
      voice: "alloy",
      input: answer,
    });
    const content = new Uint8Array(await speech.arrayBuffer());
    elements.push(
      new cl.Audio({ name: "answer.mp3", content, mime: "audio/mpeg", autoPlay: true }),
    );
  }
  await new cl.Message({ content: answer, elements }).send();
});
