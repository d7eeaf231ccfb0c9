import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { MetricsController } from './metrics.controller';
import { MetricsTokenGuard } from './metrics-token.guard';
import { RedisHealthIndicator } from './redis.health';
import { ShutdownHealthIndicator } from './shutdown.health';

@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController, MetricsController],
  providers: [RedisHealthIndicator, ShutdownHealthIndicator, MetricsTokenGuard],
})
export class HealthModule {}
