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
export declare abstract class ChatSettingsWidget<T = unknown, Id extends string = string> {
    abstract readonly type: string;
    readonly id: Id;
    readonly label: string;
    readonly initial: T;
    readonly tooltip?: string;
    readonly description?: string;
    readonly disabled?: boolean;
    protected constructor(options: WidgetBase<T, Id>, fallback: T);
    /** Why `value` is not a value of this widget, or `undefined` if it is one. */
    abstract problem(value: unknown): string | undefined;
    /** The widget as the client's settings panel reads it. */
    toDict(): Record<string, unknown>;
    protected extra(): Record<string, unknown>;
    /** Checked once, when the panel is sent: a widget's own initial value must pass. */
    assertValid(): void;
}
/** A drop-down: one of `values`, or of `items` (label → value). */
export declare class Select<const Id extends string = string> extends ChatSettingsWidget<string, Id> {
    readonly type = "select";
    readonly items: {
        label: string;
        value: string;
    }[];
    constructor(options: WidgetBase<string, Id> & {
        values?: string[];
        items?: Record<string, string>;
    });
    problem(value: unknown): string | undefined;
    protected extra(): {
        items: {
            label: string;
            value: string;
        }[];
    };
}
/** An on/off switch. */
export declare class Switch<const Id extends string = string> extends ChatSettingsWidget<boolean, Id> {
    readonly type = "switch";
    constructor(options: WidgetBase<boolean, Id>);
    problem(value: unknown): string | undefined;
}
/** A slider over `min`..`max` by `step`. */
export declare class Slider<const Id extends string = string> extends ChatSettingsWidget<number, Id> {
    readonly type = "slider";
    readonly min: number;
    readonly max: number;
    readonly step: number;
    constructor(options: WidgetBase<number, Id> & {
        min?: number;
        max?: number;
        step?: number;
    });
    problem(value: unknown): string | undefined;
    protected extra(): {
        min: number;
        max: number;
        step: number;
    };
}
/** A text field. */
export declare class TextInput<const Id extends string = string> extends ChatSettingsWidget<string, Id> {
    readonly type = "textinput";
    readonly placeholder?: string;
    readonly multiline: boolean;
    readonly maxLength: number;
    constructor(options: WidgetBase<string, Id> & {
        placeholder?: string;
        multiline?: boolean;
        maxLength?: number;
    });
    problem(value: unknown): string | undefined;
    protected extra(): {
        placeholder: string | undefined;
        multiline: boolean;
    };
}
/** A number field, optionally bounded. */
export declare class NumberInput<const Id extends string = string> extends ChatSettingsWidget<number, Id> {
    readonly type = "numberinput";
    readonly placeholder?: string;
    readonly min?: number;
    readonly max?: number;
    constructor(options: WidgetBase<number, Id> & {
        placeholder?: string;
        min?: number;
        max?: number;
    });
    problem(value: unknown): string | undefined;
    protected extra(): {
        placeholder: string | undefined;
    };
}
/** A list of tags, from `values` if given (any strings otherwise). */
export declare class Tags<const Id extends string = string> extends ChatSettingsWidget<string[], Id> {
    readonly type = "tags";
    readonly values?: string[];
    constructor(options: WidgetBase<string[], Id> & {
        values?: string[];
    });
    problem(value: unknown): string | undefined;
    protected extra(): {
        values: string[] | undefined;
    };
}
/**
 * The values of a settings panel, by widget id, each typed as its widget's value:
 * `ChatSettingsValues<[Select<'model'>, Slider<'temperature'>]>` is
 * `{ model: string; temperature: number }`. `session.settings([...])` resolves with it; name it
 * in `@OnSettingsUpdate<ChatSettingsValues<typeof widgets>>()` to take the updates typed.
 */
export type ChatSettingsValues<W extends readonly ChatSettingsWidget[]> = {
    [Widget in W[number] as Widget['id']]: Widget extends ChatSettingsWidget<infer T, string> ? T : never;
};
export {};
