import { Controller, Get, Header } from '@nestjs/common';
import { DEMO_PAGE } from './demo-page.html.js';

/** A small page to chat with the demo from a browser; it uses the socket.io client the server serves. */
@Controller()
export class DemoPageController {
  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header(
    'Content-Security-Policy',
    "default-src 'self'; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'",
  )
  page(): string {
    return DEMO_PAGE;
  }
}
