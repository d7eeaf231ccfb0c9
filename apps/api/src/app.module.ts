import { Module } from '@nestjs/common';
import { AuthModule } from '@haven/auth';
import { AppConfigModule, Clock, DatabaseModule, LoggingModule, MetricsModule, RedisModule } from '@haven/platform';
import { ReferenceModule } from '@haven/reference';
import { AuthController } from './controllers/auth.controller';
import { MeController } from './controllers/me.controller';
import { PlacesController } from './controllers/places.controller';
import { UsersController } from './controllers/users.controller';
import { HealthModule } from './health/health.module';

@Module({
  imports: [AppConfigModule, LoggingModule, MetricsModule, RedisModule, DatabaseModule, AuthModule, ReferenceModule, HealthModule],
  controllers: [AuthController, MeController, UsersController, PlacesController],
  providers: [Clock],
})
export class AppModule {}
