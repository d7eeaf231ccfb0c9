import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '@haven/auth';
import { RedisHealthIndicator } from './redis.health';
import { ShutdownHealthIndicator } from './shutdown.health';

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    private readonly shutdown: ShutdownHealthIndicator,
  ) {}

  @Get('live')
  @Public()
  @HealthCheck()
  @ApiOperation({ summary: 'The process is up (no dependencies checked)' })
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  @Get('ready')
  @Public()
  @HealthCheck()
  @ApiOperation({ summary: 'PostgreSQL and Redis answer, and the process is not shutting down; 503 otherwise' })
  ready(): Promise<HealthCheckResult> {
    return this.health.check([() => this.shutdown.check('shutdown'), () => this.db.pingCheck('database', { timeout: 1500 }), () => this.redis.check('redis')]);
  }
}
