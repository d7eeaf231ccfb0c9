import { Module } from '@nestjs/common';
import { AuthModule } from '@haven/auth';
import { AppConfigModule, DatabaseModule, RedisModule } from '@haven/platform';
import { DemoSeedService } from './demo/demo-seed.service';

/**
 * What the CLI's Nest commands need: configuration, the database and the
 * auth library's services. No HTTP server. (Redis is here only because the
 * auth library's rate limiter is built on it; nothing in the CLI uses it.)
 */
@Module({
  imports: [AppConfigModule, RedisModule, DatabaseModule, AuthModule],
  providers: [DemoSeedService],
})
export class CliModule {}
