/**
 * A chat platform's message or button click, run in the conversation's session like a web
 * client's frame: the first one claims the session for its user and runs onChatStart once, each
 * message runs onMessage (or answers an open ask), each click its action callback. The work
 * runs after the Worker got its answer (platforms want one within seconds); the platform client
 * (./platform-client.ts) sends the session's answers back.
 */
import type {
  PlatformAccepted,
  PlatformClick,
  PlatformTurn,
  PlatformUser,
} from "../../protocol/platforms.js";
import { Action } from "../sdk/action.js";
import { hooks } from "../sdk/hooks.js";
import { Message } from "../sdk/message.js";
import { User } from "../sdk/user.js";
import { awaitingAnswer, resolveAsk } from "./asks.js";
import { clientTypeOf, type PlatformClient, platformClient } from "./platform-client.js";
import type { Session } from "./session.js";

/** Keeps the object alive until background work ends (the DO's `ctx.waitUntil`). */
type Keep = (work: Promise<unknown>) => void;

/**
 * Opens (or creates) the session for a platform user: null when it is another client's.
 * Returns whether onChatStart is still to run.
 */
async function open(
  session: Session,
  sessionId: string,
  input: PlatformTurn | PlatformClick,
): Promise<{ client: PlatformClient; fresh: boolean } | null> {
  if (session.owner() === undefined) {
    await session.create(sessionId, input.user.identifier);
  }
  const known = clientTypeOf(session);
  if (known !== input.platform && session.meta.get("status") !== "new") return null;
  const client = platformClient(session, input.platform);
  client.setTarget(input.target);
  setSpeaker(session, input.user);
  const status = session.meta.get("status");
  // No socket ever closes on a platform: the session never waits for a hello or a timeout.
  session.meta.delete("unopenedUntil");
  session.meta.set("status", "active");
  return { client, fresh: status === "new" };
}

/** The user who speaks now is the session's `user` (several people may share a thread). */
function setSpeaker(session: Session, user: PlatformUser): void {
  const value = new User({
    identifier: user.identifier,
    ...(user.displayName ? { displayName: user.displayName } : {}),
    metadata: { platform: true },
  });
  session.setUser(value);
}

const NOT_HERE: PlatformAccepted = {
  ok: false,
  status: 409,
  error: "this conversation belongs to another client",
};

/** A platform message: recorded now, answered in the background. */
export async function platformTurn(
  session: Session,
  sessionId: string,
  turn: PlatformTurn,
  keep: Keep,
): Promise<PlatformAccepted> {
  const opened = await open(session, sessionId, turn);
  if (!opened) return NOT_HERE;
  // A platform's retry of the same message runs nothing twice.
  if (!session.inFlight.markSeen(`${turn.platform}:${turn.messageId}`)) return { ok: true };
  const { client, fresh } = opened;
  // Asks are one at a time: an open text ask with hook code waiting takes this message.
  const ask = awaitingAnswer(session)
    ? session.inFlight.asks().find((a) => a.kind === "text")
    : undefined;
  keep(
    (async () => {
      if (fresh && hooks.chatStart) await session.runTask("onChatStart", hooks.chatStart);
      if (ask) {
        resolveAsk(session, ask.id, { type: "ask_reply", askId: ask.id, text: turn.text });
      } else {
        const message = Message.fromStep(session.userStep(turn.text));
        const onMessage = hooks.message;
        if (onMessage) await session.runTask("onMessage", () => onMessage(message));
      }
      await client.settle();
    })().catch((err: unknown) => console.error("Edgelit: platform turn failed:", err)),
  );
  return { ok: true };
}

/** A click on a button the session posted: its action callback, or an open ask's answer. */
export async function platformClick(
  session: Session,
  sessionId: string,
  click: PlatformClick,
  keep: Keep,
): Promise<PlatformAccepted> {
  if (session.owner() === undefined) return { ok: false, status: 404, error: "no such chat" };
  const opened = await open(session, sessionId, click);
  if (!opened) return NOT_HERE;
  const { client } = opened;
  const ask = session.inFlight
    .asks()
    .find((a) => a.kind === "action" && a.actions?.some((x) => x.id === click.actionId));
  if (ask && awaitingAnswer(session)) {
    resolveAsk(session, ask.id, { type: "ask_reply", askId: ask.id, actionId: click.actionId });
    keep(client.settle());
    return { ok: true };
  }
  const data = session.steps.actions().find((a) => a.id === click.actionId);
  const callback = data && hooks.actions.get(data.name);
  if (!data || !callback) return { ok: false, status: 404, error: "no such action" };
  const action = new Action(data);
  keep(
    (async () => {
      await session.runTask(`action ${data.name}`, () => callback(action));
      await client.settle();
    })().catch((err: unknown) => console.error("Edgelit: platform action failed:", err)),
  );
  return { ok: true };
}
