import { Controller, Get, Header, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { Public } from '@haven/auth';
import { MetricsService } from '@haven/platform';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { MetricsTokenGuard } from './metrics-token.guard';

export const METRICS_SECURITY = 'metricsToken';

@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @Public()
  @UseGuards(MetricsTokenGuard)
  @ApiSecurity(METRICS_SECURITY)
  @ApiErrors(401, 404)
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  // Per response rather than @ApiProduces, which would also label the JSON errors text/plain.
  @ApiOkResponse({ description: 'Prometheus text format', content: { 'text/plain': { schema: { type: 'string' } } } })
  @ApiOperation({
    summary: 'Prometheus metrics',
    description:
      'With METRICS_TOKEN set, requires `Authorization: Bearer <METRICS_TOKEN>` (401 otherwise). Without it: open outside production, 404 in production.',
  })
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
