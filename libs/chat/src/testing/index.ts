export {
  ChatTestClient,
  type ChatTestClientOptions,
  type ChatTestEvent,
  type ShownMessage,
} from './chat-test-client.js';
