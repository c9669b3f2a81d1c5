/** What every settings widget has. */
interface WidgetBase<T, Id extends string = string> {
  /** The key of its value in the settings object. */
  id: Id;
  label?: string;
  initial?: T;
  tooltip?: string;
  description?: string;
  disabled?: boolean;
}

/**
 * An input of the chat settings panel (`session.settings([...])`). Each checks the values the
 * client sends for it and says what is wrong. `T` is the type of its value, `Id` its id (a
 * literal type when written out: `new Slider({ id: 'temperature' })` is a
 * `Slider<'temperature'>`), so `session.settings([...])` resolves with typed values.
 */
export abstract class ChatSettingsWidget<T = unknown, Id extends string = string> {
  abstract readonly type: string;
  readonly id: Id;
  readonly label: string;
  readonly initial: T;
  readonly tooltip?: string;
  readonly description?: string;
  readonly disabled?: boolean;

  protected constructor(options: WidgetBase<T, Id>, fallback: T) {
    if (typeof options?.id !== 'string' || options.id === '') {
      throw new TypeError(`${new.target.name}: id must be a non-empty string`);
    }
    this.id = options.id;
    this.label = options.label ?? options.id;
    this.initial = options.initial ?? fallback;
    this.tooltip = options.tooltip;
    this.description = options.description;
    this.disabled = options.disabled;
  }

  /** Why `value` is not a value of this widget, or `undefined` if it is one. */
  abstract problem(value: unknown): string | undefined;

  /** The widget as the client's settings panel reads it. */
  toDict(): Record<string, unknown> {
    const { type, id, label, initial, tooltip, description, disabled } = this;
    return { type, id, label, initial, tooltip, description, disabled, ...this.extra() };
  }

  protected extra(): Record<string, unknown> {
    return {};
  }

  /** Checked once, when the panel is sent: a widget's own initial value must pass. */
  assertValid(): void {
    const problem = this.problem(this.initial);
    if (problem) throw new TypeError(`${this.constructor.name} "${this.id}": initial ${problem}`);
  }
}

const show = (value: unknown) =>
  typeof value === 'string'
    ? JSON.stringify(value.slice(0, 50))
    : (JSON.stringify(value) ?? String(value)).slice(0, 50);

/** A drop-down: one of `values`, or of `items` (label → value). */
export class Select<const Id extends string = string> extends ChatSettingsWidget<string, Id> {
  readonly type = 'select';
  readonly items: { label: string; value: string }[];

  constructor(
    options: WidgetBase<string, Id> & { values?: string[]; items?: Record<string, string> },
  ) {
    const items = options.items
      ? Object.entries(options.items).map(([label, value]) => ({ label, value }))
      : (options.values ?? []).map((value) => ({ label: value, value }));
    super(options, items[0]?.value ?? '');
    if (items.length === 0) throw new TypeError(`Select "${options.id}": give values or items`);
    this.items = items;
  }

  problem(value: unknown): string | undefined {
    if (this.items.some((item) => item.value === value)) return undefined;
    return `must be one of ${this.items.map((i) => JSON.stringify(i.value)).join(', ')}, got ${show(value)}`;
  }

  protected override extra() {
    return { items: this.items };
  }
}

/** An on/off switch. */
export class Switch<const Id extends string = string> extends ChatSettingsWidget<boolean, Id> {
  readonly type = 'switch';

  constructor(options: WidgetBase<boolean, Id>) {
    super(options, false);
  }

  problem(value: unknown): string | undefined {
    return typeof value === 'boolean' ? undefined : `must be a boolean, got ${show(value)}`;
  }
}

/** A slider over `min`..`max` by `step`. */
export class Slider<const Id extends string = string> extends ChatSettingsWidget<number, Id> {
  readonly type = 'slider';
  readonly min: number;
  readonly max: number;
  readonly step: number;

  constructor(options: WidgetBase<number, Id> & { min?: number; max?: number; step?: number }) {
    super(options, options.min ?? 0);
    this.min = options.min ?? 0;
    this.max = options.max ?? 10;
    this.step = options.step ?? 1;
    if (!(this.min < this.max)) throw new TypeError(`Slider "${options.id}": min must be < max`);
  }

  problem(value: unknown): string | undefined {
    if (
      typeof value !== 'number' ||
      !Number.isFinite(value) ||
      value < this.min ||
      value > this.max
    ) {
      return `must be a number from ${this.min} to ${this.max}, got ${show(value)}`;
    }
    return undefined;
  }

  protected override extra() {
    return { min: this.min, max: this.max, step: this.step };
  }
}

/** A text field. */
export class TextInput<const Id extends string = string> extends ChatSettingsWidget<string, Id> {
  readonly type = 'textinput';
  readonly placeholder?: string;
  readonly multiline: boolean;
  readonly maxLength: number;

  constructor(
    options: WidgetBase<string, Id> & {
      placeholder?: string;
      multiline?: boolean;
      maxLength?: number;
    },
  ) {
    super(options, '');
    this.placeholder = options.placeholder;
    this.multiline = options.multiline ?? false;
    this.maxLength = options.maxLength ?? 10_000;
  }

  problem(value: unknown): string | undefined {
    if (typeof value !== 'string') return `must be a string, got ${show(value)}`;
    if (value.length > this.maxLength) return `must be at most ${this.maxLength} characters`;
    return undefined;
  }

  protected override extra() {
    return { placeholder: this.placeholder, multiline: this.multiline };
  }
}

/** A number field, optionally bounded. */
export class NumberInput<const Id extends string = string> extends ChatSettingsWidget<number, Id> {
  readonly type = 'numberinput';
  readonly placeholder?: string;
  readonly min?: number;
  readonly max?: number;

  constructor(
    options: WidgetBase<number, Id> & { placeholder?: string; min?: number; max?: number },
  ) {
    super(options, options.min ?? 0);
    this.placeholder = options.placeholder;
    this.min = options.min;
    this.max = options.max;
  }

  problem(value: unknown): string | undefined {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      return `must be a number, got ${show(value)}`;
    }
    if (
      (this.min !== undefined && value < this.min) ||
      (this.max !== undefined && value > this.max)
    ) {
      return `must be a number from ${this.min ?? '-∞'} to ${this.max ?? '∞'}, got ${show(value)}`;
    }
    return undefined;
  }

  protected override extra() {
    return { placeholder: this.placeholder };
  }
}

/** A list of tags, from `values` if given (any strings otherwise). */
export class Tags<const Id extends string = string> extends ChatSettingsWidget<string[], Id> {
  readonly type = 'tags';
  readonly values?: string[];

  constructor(options: WidgetBase<string[], Id> & { values?: string[] }) {
    super(options, []);
    this.values = options.values;
  }

  problem(value: unknown): string | undefined {
    if (!Array.isArray(value) || value.some((tag) => typeof tag !== 'string')) {
      return `must be an array of strings, got ${show(value)}`;
    }
    if (value.length > 1000) return 'must have at most 1000 tags';
    const unknown = this.values && value.find((tag) => !this.values!.includes(tag));
    if (unknown !== undefined) {
      return `must only hold ${this.values!.map((v) => JSON.stringify(v)).join(', ')}, got ${show(unknown)}`;
    }
    return undefined;
  }

  protected override extra() {
    return { values: this.values };
  }
}

/**
 * The values of a settings panel, by widget id, each typed as its widget's value:
 * `ChatSettingsValues<[Select<'model'>, Slider<'temperature'>]>` is
 * `{ model: string; temperature: number }`. `session.settings([...])` resolves with it; name it
 * in `@OnSettingsUpdate<ChatSettingsValues<typeof widgets>>()` to take the updates typed.
 */
export type ChatSettingsValues<W extends readonly ChatSettingsWidget[]> = {
  [Widget in W[number] as Widget['id']]: Widget extends ChatSettingsWidget<infer T, string>
    ? T
    : never;
};
