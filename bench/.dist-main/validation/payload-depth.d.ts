/** How deeply an inbound payload may nest objects and arrays; validators recurse into them. */
export declare const MAX_PAYLOAD_DEPTH = 64;
/** Whether `value` nests objects or arrays more than `max` levels deep (checked without recursion). */
export declare function nestedDeeperThan(value: unknown, max?: number): boolean;
