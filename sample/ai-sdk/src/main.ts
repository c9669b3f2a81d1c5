// Run from the workspace root: npm run build && npm start -w sample/ai-sdk
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';

const app = await NestFactory.create(AppModule);
app.enableShutdownHooks();
await app.listen(Number(process.env.PORT ?? 3004));
console.log(`AI SDK sample: ${await app.getUrl()} (socket.io at /ws/socket.io)`);
