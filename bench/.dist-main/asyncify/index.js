export { ASYNCIFY_WORKER, AsyncifyService, } from './asyncify.service.js';
//# sourceMappingURL=index.js.map