export {
  ChatHealthIndicator,
  type ChatDependencyHealth,
  type ChatHealthCheckOptions,
  type ChatHealthResult,
} from './chat-health.indicator.js';
