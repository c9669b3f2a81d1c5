/** How deeply an inbound payload may nest objects and arrays; validators recurse into them. */
export const MAX_PAYLOAD_DEPTH = 64;
/** Whether `value` nests objects or arrays more than `max` levels deep (checked without recursion). */
export function nestedDeeperThan(value, max = MAX_PAYLOAD_DEPTH) {
    const stack = [[value, 0]];
    while (stack.length > 0) {
        const [item, depth] = stack.pop();
        if (item === null || typeof item !== 'object' || ArrayBuffer.isView(item))
            continue;
        if (depth >= max)
            return true;
        for (const child of Object.values(item))
            stack.push([child, depth + 1]);
    }
    return false;
}
//# sourceMappingURL=payload-depth.js.map