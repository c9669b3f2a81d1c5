/**
 * An input of the chat settings panel (`session.settings([...])`). Each checks the values the
 * client sends for it and says what is wrong. `T` is the type of its value, `Id` its id (a
 * literal type when written out: `new Slider({ id: 'temperature' })` is a
 * `Slider<'temperature'>`), so `session.settings([...])` resolves with typed values.
 */
export class ChatSettingsWidget {
    constructor(options, fallback) {
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
    /** The widget as the client's settings panel reads it. */
    toDict() {
        const { type, id, label, initial, tooltip, description, disabled } = this;
        return { type, id, label, initial, tooltip, description, disabled, ...this.extra() };
    }
    extra() {
        return {};
    }
    /** Checked once, when the panel is sent: a widget's own initial value must pass. */
    assertValid() {
        const problem = this.problem(this.initial);
        if (problem)
            throw new TypeError(`${this.constructor.name} "${this.id}": initial ${problem}`);
    }
}
const show = (value) => typeof value === 'string'
    ? JSON.stringify(value.slice(0, 50))
    : (JSON.stringify(value) ?? String(value)).slice(0, 50);
/** A drop-down: one of `values`, or of `items` (label → value). */
export class Select extends ChatSettingsWidget {
    constructor(options) {
        const items = options.items
            ? Object.entries(options.items).map(([label, value]) => ({ label, value }))
            : (options.values ?? []).map((value) => ({ label: value, value }));
        super(options, items[0]?.value ?? '');
        this.type = 'select';
        if (items.length === 0)
            throw new TypeError(`Select "${options.id}": give values or items`);
        this.items = items;
    }
    problem(value) {
        if (this.items.some((item) => item.value === value))
            return undefined;
        return `must be one of ${this.items.map((i) => JSON.stringify(i.value)).join(', ')}, got ${show(value)}`;
    }
    extra() {
        return { items: this.items };
    }
}
/** An on/off switch. */
export class Switch extends ChatSettingsWidget {
    constructor(options) {
        super(options, false);
        this.type = 'switch';
    }
    problem(value) {
        return typeof value === 'boolean' ? undefined : `must be a boolean, got ${show(value)}`;
    }
}
/** A slider over `min`..`max` by `step`. */
export class Slider extends ChatSettingsWidget {
    constructor(options) {
        super(options, options.min ?? 0);
        this.type = 'slider';
        this.min = options.min ?? 0;
        this.max = options.max ?? 10;
        this.step = options.step ?? 1;
        if (!(this.min < this.max))
            throw new TypeError(`Slider "${options.id}": min must be < max`);
    }
    problem(value) {
        if (typeof value !== 'number' ||
            !Number.isFinite(value) ||
            value < this.min ||
            value > this.max) {
            return `must be a number from ${this.min} to ${this.max}, got ${show(value)}`;
        }
        return undefined;
    }
    extra() {
        return { min: this.min, max: this.max, step: this.step };
    }
}
/** A text field. */
export class TextInput extends ChatSettingsWidget {
    constructor(options) {
        super(options, '');
        this.type = 'textinput';
        this.placeholder = options.placeholder;
        this.multiline = options.multiline ?? false;
        this.maxLength = options.maxLength ?? 10_000;
    }
    problem(value) {
        if (typeof value !== 'string')
            return `must be a string, got ${show(value)}`;
        if (value.length > this.maxLength)
            return `must be at most ${this.maxLength} characters`;
        return undefined;
    }
    extra() {
        return { placeholder: this.placeholder, multiline: this.multiline };
    }
}
/** A number field, optionally bounded. */
export class NumberInput extends ChatSettingsWidget {
    constructor(options) {
        super(options, options.min ?? 0);
        this.type = 'numberinput';
        this.placeholder = options.placeholder;
        this.min = options.min;
        this.max = options.max;
    }
    problem(value) {
        if (typeof value !== 'number' || !Number.isFinite(value)) {
            return `must be a number, got ${show(value)}`;
        }
        if ((this.min !== undefined && value < this.min) ||
            (this.max !== undefined && value > this.max)) {
            return `must be a number from ${this.min ?? '-∞'} to ${this.max ?? '∞'}, got ${show(value)}`;
        }
        return undefined;
    }
    extra() {
        return { placeholder: this.placeholder };
    }
}
/** A list of tags, from `values` if given (any strings otherwise). */
export class Tags extends ChatSettingsWidget {
    constructor(options) {
        super(options, []);
        this.type = 'tags';
        this.values = options.values;
    }
    problem(value) {
        if (!Array.isArray(value) || value.some((tag) => typeof tag !== 'string')) {
            return `must be an array of strings, got ${show(value)}`;
        }
        if (value.length > 1000)
            return 'must have at most 1000 tags';
        const unknown = this.values && value.find((tag) => !this.values.includes(tag));
        if (unknown !== undefined) {
            return `must only hold ${this.values.map((v) => JSON.stringify(v)).join(', ')}, got ${show(unknown)}`;
        }
        return undefined;
    }
    extra() {
        return { values: this.values };
    }
}
//# sourceMappingURL=chat-settings.widgets.js.map