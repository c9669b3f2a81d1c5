/** An action button to show, as handlers describe it. */
export interface ActionInput {
    /** Which `@OnAction(name)` handler runs when it is clicked. */
    name: string;
    /** Data for the handler; it stays on the server (a client cannot change it). */
    payload?: Record<string, unknown>;
    /** The button's text. @default the name */
    label?: string;
    tooltip?: string;
    /** A Lucide icon name, as the Chainlit UI shows it. */
    icon?: string;
}
/** An action button as it goes over the wire, and as `@OnAction` handlers receive it. */
export interface Action {
    id: string;
    name: string;
    payload: Record<string, unknown>;
    label: string;
    tooltip?: string;
    icon?: string;
    /** The message it is shown under. */
    forId: string;
}
