export { ASYNCIFY_WORKER, AsyncifyService, type AsyncifyCalls, type AsyncifyResult, } from './asyncify.service.js';
