import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { ChatModuleOptions } from './options/chat-module-options.interface.js';

export const {
  ConfigurableModuleClass: ConfigurableChatModule,
  MODULE_OPTIONS_TOKEN: CHAT_MODULE_OPTIONS,
  OPTIONS_TYPE: CHAT_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: CHAT_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<ChatModuleOptions>({ moduleName: 'Chat' })
  .setClassMethodName('forRoot')
  .setExtras({}, (definition) => ({ ...definition, global: true }))
  .build();
