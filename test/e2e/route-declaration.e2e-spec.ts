import { Controller, Get } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { AppModule } from '../../apps/api/src/app.module';
import { configureApp } from '../../apps/api/src/bootstrap/configure-app';
import { createFastifyAdapter } from '../../apps/api/src/bootstrap/fastify-adapter';
import { createTestDatabase } from '../support/databases';

@Controller('undeclared')
class UndeclaredController {
  @Get()
  open(): string {
    return 'nobody declared who may call me';
  }
}

// Its own file: passport keeps strategies in a process-wide registry, so a second
// app in the same file would take over the first one's strategies.
describe('a route without an access declaration', () => {
  it('cannot exist: the app refuses to start and names the route', async () => {
    const db = await createTestDatabase();
    process.env.DATABASE_URL = db.url;
    try {
      const moduleRef = await Test.createTestingModule({ imports: [AppModule], controllers: [UndeclaredController] }).compile();
      const app = configureApp(moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter()));
      await expect(app.init()).rejects.toThrow(/Routes without an access declaration.*GET undeclared \(UndeclaredController\.open\)/);
      await app.close();
    } finally {
      await db.drop();
    }
  });
});
