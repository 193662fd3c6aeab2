/**
 * `cl.ChatSettings` and its widgets (`cl.Select`, `cl.Slider`, `cl.Switch`, `cl.TextInput`,
 * `cl.NumberInput`, `cl.Tags`). Each widget turns into the wire's `InputWidget`; the values the
 * user confirms come back through `cl.onSettingsUpdate` and `cl.userSession.get("chatSettings")`.
 */
import type { InputWidget } from "../../protocol/settings.js";
import { currentScope } from "../session/context.js";

interface Common {
  id: string;
  label: string;
  description?: string;
  tooltip?: string;
  disabled?: boolean;
}

abstract class Widget {
  abstract toWidget(): InputWidget;
}

/**
 * A chat setting: a dropdown. `initialIndex` or `initial` picks the starting value.
 * @example
 * new cl.Select({ id: "model", label: "Model", values: ["small", "large"], initialIndex: 0 })
 */
export class Select extends Widget {
  constructor(
    readonly options: Common & {
      values?: string[];
      items?: Record<string, string>;
      initialIndex?: number;
      initial?: string;
    },
  ) {
    super();
  }
  toWidget(): InputWidget {
    const { items, initialIndex, initial, ...rest } = this.options;
    const list = items
      ? Object.entries(items).map(([label, value]) => ({ label, value }))
      : undefined;
    const values = this.options.values ?? list?.map((i) => i.value) ?? [];
    return {
      ...rest,
      type: "select",
      values,
      ...(list ? { items: list } : {}),
      initial: initial ?? values[initialIndex ?? 0],
    };
  }
}

/**
 * A chat setting: A slider between `min` and `max`, in `step`s.
 * @example
 * new cl.Slider({ id: "temperature", label: "Temperature", initial: 0.7, min: 0, max: 2, step: 0.1 })
 */
export class Slider extends Widget {
  constructor(
    readonly options: Common & { initial?: number; min?: number; max?: number; step?: number },
  ) {
    super();
  }
  toWidget(): InputWidget {
    const { min = 0, max = 10, step = 1, initial = min, ...rest } = this.options;
    return { ...rest, type: "slider", min, max, step, initial };
  }
}

/**
 * A chat setting: An on/off switch.
 * @example
 * new cl.Switch({ id: "stream", label: "Stream tokens", initial: true })
 */
export class Switch extends Widget {
  constructor(readonly options: Common & { initial?: boolean }) {
    super();
  }
  toWidget(): InputWidget {
    return { ...this.options, type: "switch", initial: this.options.initial ?? false };
  }
}

/**
 * A chat setting: A line of text.
 * @example
 * new cl.TextInput({ id: "persona", label: "Persona", placeholder: "A pirate" })
 */
export class TextInput extends Widget {
  constructor(readonly options: Common & { initial?: string; placeholder?: string }) {
    super();
  }
  toWidget(): InputWidget {
    return { ...this.options, type: "textinput", initial: this.options.initial ?? "" };
  }
}

/**
 * A chat setting: A number, optionally between `min` and `max`.
 * @example
 * new cl.NumberInput({ id: "k", label: "Results", initial: 5, min: 1, max: 20 })
 */
export class NumberInput extends Widget {
  constructor(
    readonly options: Common & {
      initial?: number;
      min?: number;
      max?: number;
      placeholder?: string;
    },
  ) {
    super();
  }
  toWidget(): InputWidget {
    return { ...this.options, type: "numberinput", initial: this.options.initial ?? 0 };
  }
}

/**
 * A chat setting: A list of short tags.
 * @example
 * new cl.Tags({ id: "topics", label: "Topics", initial: ["edge"] })
 */
export class Tags extends Widget {
  constructor(readonly options: Common & { initial?: string[] }) {
    super();
  }
  toWidget(): InputWidget {
    return { ...this.options, type: "tags", initial: this.options.initial ?? [] };
  }
}

/**
 * The chat settings dialog. `send()` shows it and returns the current values (initial values
 * the first time, what the user confirmed after that).
 * @example
 * const settings = await new cl.ChatSettings([new cl.Switch({ id: "stream", label: "Stream", initial: true })]).send();
 */
export class ChatSettings {
  constructor(readonly inputs: Widget[]) {}

  async send(): Promise<Record<string, unknown>> {
    return currentScope().session.putSettings(this.inputs.map((w) => w.toWidget()));
  }
}
