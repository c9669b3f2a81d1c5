import { isObservable } from 'rxjs';
export function isAsyncIterable(value) {
    return (value != null && typeof value[Symbol.asyncIterator] === 'function');
}
export function isTokenSource(value) {
    return isObservable(value) || isAsyncIterable(value);
}
//# sourceMappingURL=token-source.js.map