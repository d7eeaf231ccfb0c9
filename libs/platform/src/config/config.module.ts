import { Global, Module } from '@nestjs/common';
import { EnvironmentVariables } from './env.dto';
import { validateEnv } from './env.validate';

/** The validated configuration, injectable as `AppConfig`. */
export abstract class AppConfig extends EnvironmentVariables {
  /** Always set once validated: configured, or this process's own random key outside production. */
  declare JWT_ACCESS_SECRET: string;
}

@Global()
@Module({
  providers: [{ provide: AppConfig, useFactory: () => validateEnv(process.env) }],
  exports: [AppConfig],
})
export class AppConfigModule {}
