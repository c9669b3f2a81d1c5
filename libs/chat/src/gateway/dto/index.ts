export * from './client-message.dto.js';
export * from './handshake-auth.dto.js';
