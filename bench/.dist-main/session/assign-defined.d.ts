/** Copies the fields of `fields` that are not `undefined` onto `target`: wire shapes leave them out. */
export declare function assignDefined<T extends object>(target: T, fields: Partial<T>): T;
