/**
 * Several OpenAI Agents SDK agents handing a conversation around, shown by `sendRun` from
 * `edgelit/openai-agents`: a triage agent hands to a researcher (who has a `lookup` tool) or a
 * writer, and the researcher hands to the writer. Each agent's turn is a step and each writes its
 * own messages. At every handoff the user may interject (answer within a few seconds): the text
 * goes to the next agent, "stop" ends the run, silence lets the agents carry on; the stop button
 * stops everything. The next message continues with the agent that spoke last. Any
 * OpenAI-compatible server works (`OPENAI_API_KEY`, `OPENAI_BASE_URL`, `OPENAI_MODEL`).
 */

import { env } from "cloudflare:workers";
import {
  Agent,
  type AgentInputItem,
  handoff,
  OpenAIChatCompletionsModel,
  run,
  setTracingDisabled,
  tool,
  user,
} from "@openai/agents";
import * as cl from "edgelit";
import { sendRun } from "edgelit/openai-agents";
import OpenAI from "openai";
import { z } from "zod";

// Traces would go to OpenAI's dashboard; this example keeps everything in the chat.
setTracingDisabled(true);

/** Seconds the user has to interject at a handoff. */
const INTERJECT_SECONDS = 6;

const NOTES: Record<string, string> = {
  edgelit: "Edgelit runs each chat as a Durable Object; history is in D1, files in R2.",
  agents: "The OpenAI Agents SDK runs agents that call tools and hand off to each other.",
};

const lookup = tool({
  name: "lookup",
  description: "Look up a topic in the team's notes",
  parameters: z.object({ topic: z.string() }),
  execute: async ({ topic }) => NOTES[topic.toLowerCase()] ?? `No notes on ${topic}.`,
});

class StopRequested extends Error {}

/** The agents of one conversation; a handoff pauses for the user's interjection. */
function makeAgents(model: OpenAIChatCompletionsModel) {
  let interjection: string | undefined;
  const pause = (to: string) =>
    handoff(agents[to as keyof typeof agents], {
      onHandoff: async () => {
        const res = await new cl.AskUserMessage({
          content: `Handing over to the ${to}. Anything to add? (carrying on in ${INTERJECT_SECONDS} s; "stop" ends it)`,
          author: "Moderator",
          timeout: INTERJECT_SECONDS,
        }).send();
        if (res?.output.trim().toLowerCase() === "stop") throw new StopRequested();
        interjection = res?.output;
      },
      // What the user said at the handoff reaches the next agent as their latest message.
      inputFilter: (data) => {
        const said = interjection;
        interjection = undefined;
        if (!said) return data;
        const history =
          typeof data.inputHistory === "string" ? [user(data.inputHistory)] : data.inputHistory;
        return { ...data, inputHistory: [...history, user(said)] };
      },
    });
  const agents = {
    Writer: new Agent({
      name: "Writer",
      instructions: "Write a short, friendly answer for the user from what the team found.",
      model,
    }),
    Researcher: new Agent({
      name: "Researcher",
      instructions: "Find facts with lookup, then hand off to the Writer.",
      model,
      tools: [lookup],
    }),
    Triage: new Agent({
      name: "Triage",
      instructions: "Hand off to the Researcher when facts are needed, otherwise to the Writer.",
      model,
    }),
  };
  agents.Researcher.handoffs = [pause("Writer")];
  agents.Triage.handoffs = [pause("Researcher"), pause("Writer")];
  return agents;
}

cl.onMessage(async (message) => {
  if (!env.OPENAI_API_KEY) {
    await new cl.Message("Set OPENAI_API_KEY in .dev.vars to use the multi-agent example.").send();
    return;
  }
  const client = new OpenAI({
    apiKey: env.OPENAI_API_KEY,
    baseURL: env.OPENAI_BASE_URL || undefined,
  });
  const agents = makeAgents(
    new OpenAIChatCompletionsModel(client, env.OPENAI_MODEL || "gpt-4o-mini"),
  );
  const history = cl.userSession.get<AgentInputItem[]>("history") ?? [];
  const last = cl.userSession.get<string>("agent");
  const start = last && last in agents ? agents[last as keyof typeof agents] : agents.Triage;
  try {
    const result = await run(start, [...history, user(message.content)], {
      stream: true,
      signal: cl.context.signal,
      maxTurns: 12,
    });
    const sent = await sendRun(result);
    if (sent.stopped) return;
    await result.completed;
    cl.userSession.set("history", result.history);
    cl.userSession.set("agent", sent.lastAgent);
  } catch (err) {
    if (!(err instanceof StopRequested)) throw err;
    await new cl.Message({ content: "Stopped, as you asked.", author: "Moderator" }).send();
  }
});
