import { ConfigurableModuleBuilder } from '@nestjs/common';
export const { ConfigurableModuleClass: ConfigurableChatModule, MODULE_OPTIONS_TOKEN: CHAT_MODULE_OPTIONS, OPTIONS_TYPE: CHAT_OPTIONS_TYPE, ASYNC_OPTIONS_TYPE: CHAT_ASYNC_OPTIONS_TYPE, } = new ConfigurableModuleBuilder({ moduleName: 'Chat' })
    .setClassMethodName('forRoot')
    .setExtras({}, (definition) => ({ ...definition, global: true }))
    .build();
//# sourceMappingURL=chat.module-definition.js.map