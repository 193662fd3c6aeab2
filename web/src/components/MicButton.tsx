/**
 * `#mic-button` (`[features.audio] enabled = true`): records the microphone with MediaRecorder
 * and streams its pieces to the session as `audio_chunk` frames (numbered, at most
 * MAX_AUDIO_CHUNK_BYTES each), then `audio_end` with their count. A refusal from the server
 * (audio off, the app said no, too fast, too long) stops the recording and is shown.
 */
import { createSignal, onCleanup, Show } from "solid-js";
import { MAX_AUDIO_CHUNK_BYTES } from "../../../protocol/audio";
import { t } from "../i18n";
import { useSession } from "../state/session";
import { useUi } from "../state/ui";

/** Containers a MediaRecorder may make, best first. */
const MIME_TYPES = ["audio/webm;codecs=opus", "audio/webm", "audio/ogg;codecs=opus", "audio/mp4"];
/** A piece every quarter second: the app hears speech as it comes. */
const TIMESLICE_MS = 250;

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

export function MicButton() {
  const session = useSession();
  const ui = useUi();
  const [recording, setRecording] = createSignal(false);
  let recorder: MediaRecorder | null = null;
  let stream: MediaStream | null = null;
  let index = 0;
  /** Pieces are read (async) one after another so they leave in order. */
  let sending: Promise<void> = Promise.resolve();
  let limitTimer: ReturnType<typeof setTimeout> | undefined;

  const release = () => {
    clearTimeout(limitTimer);
    for (const track of stream?.getTracks() ?? []) track.stop();
    stream = null;
    recorder = null;
    setRecording(false);
  };

  const start = async () => {
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch (err) {
      ui.notify(t("Microphone unavailable: {reason}", { reason: (err as Error).message }));
      return;
    }
    const mimeType = MIME_TYPES.find((m) => MediaRecorder.isTypeSupported(m));
    const rec = new MediaRecorder(stream, mimeType ? { mimeType } : undefined);
    recorder = rec;
    index = 0;
    session.startAudio(rec.mimeType || mimeType || "audio/webm");
    rec.ondataavailable = (event) => {
      const blob = event.data;
      if (blob.size === 0) return;
      sending = sending.then(async () => {
        const bytes = new Uint8Array(await blob.arrayBuffer());
        for (let at = 0; at < bytes.length; at += MAX_AUDIO_CHUNK_BYTES) {
          session.sendAudioChunk(index++, toBase64(bytes.subarray(at, at + MAX_AUDIO_CHUNK_BYTES)));
        }
      });
    };
    rec.onstop = () => {
      sending = sending.then(() => {
        session.endAudio(index);
      });
      release();
    };
    rec.start(TIMESLICE_MS);
    setRecording(true);
    limitTimer = setTimeout(stop, session.config.features.audio.max_seconds * 1000);
  };

  const stop = () => {
    if (recorder?.state === "recording") recorder.stop();
    else release();
  };

  // The server refused the recording (or a piece of it): stop the microphone.
  const unsubscribe = session.onAudioRefused(() => {
    if (!recorder) return;
    recorder.ondataavailable = null;
    recorder.onstop = null;
    if (recorder.state === "recording") recorder.stop();
    release();
  });
  onCleanup(() => {
    unsubscribe();
    stop();
  });

  return (
    <Show when={session.config.features.audio.enabled}>
      <button
        type="button"
        id="mic-button"
        class="icon-button mic"
        classList={{ recording: recording() }}
        aria-pressed={recording()}
        aria-label={recording() ? t("Stop recording") : t("Start recording")}
        title={recording() ? t("Stop recording") : t("Start recording")}
        onClick={() => (recording() ? stop() : void start())}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d="M12 14a3 3 0 0 0 3-3V5a3 3 0 0 0-6 0v6a3 3 0 0 0 3 3zm5-3a5 5 0 0 1-10 0H5a7 7 0 0 0 6 6.9V21h2v-3.1a7 7 0 0 0 6-6.9h-2z" />
        </svg>
      </button>
    </Show>
  );
}
