/** The checks every option resolver shares; each error names the option that is wrong. */
export declare function isObject(value: unknown): value is Record<string, unknown>;
/** A value as an error message shows it: strings quoted, NaN as NaN. */
export declare function show(value: unknown): string;
/** `value` without its undefined fields, so that defaults apply to them. */
export declare function stripUndefined<T extends object>(value: T): Partial<T>;
export declare function checkInteger(name: string, value: unknown, min: number): number;
export declare function checkPositive(name: string, value: unknown): number;
export declare function checkObject(name: string, value: unknown): Record<string, unknown>;
export declare function checkStrings(name: string, value: unknown): string[];
