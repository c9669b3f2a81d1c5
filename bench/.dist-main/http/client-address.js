import proxyaddr from 'proxy-addr';
/** Which hops of `X-Forwarded-For` to believe, from the `trustProxy` option (as Express's). */
export function trustFunction(value) {
    if (value === true)
        return () => true;
    if (value === false)
        return () => false;
    if (typeof value === 'number')
        return (_address, hop) => hop < value;
    const list = typeof value === 'string' ? value.split(',').map((v) => v.trim()) : value;
    return proxyaddr.compile(list);
}
/** The client's address: the peer's, or the forwarded one as far as the proxies are trusted. */
export function clientAddress(req, trust) {
    return proxyaddr(req, trust);
}
//# sourceMappingURL=client-address.js.map