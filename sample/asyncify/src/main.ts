// Run from the workspace root: npm run build && npm start -w sample/asyncify
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';

const app = await NestFactory.create(AppModule);
app.enableShutdownHooks();
await app.listen(Number(process.env.PORT ?? 3005));
console.log(`Asyncify sample: ${await app.getUrl()} (socket.io at /ws/socket.io)`);
