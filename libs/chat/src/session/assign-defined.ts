/** Copies the fields of `fields` that are not `undefined` onto `target`: wire shapes leave them out. */
export function assignDefined<T extends object>(target: T, fields: Partial<T>): T {
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) (target as Record<string, unknown>)[key] = value;
  }
  return target;
}
