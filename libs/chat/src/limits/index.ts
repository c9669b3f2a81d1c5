export type { ChatRateLimit } from './rate-limit-options.interface.js';
