import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { FoiExtractsController } from './foi-extracts.controller';
import { FoiExtractsService } from './foi-extracts.service';
import { FOI_POLICY, foiPolicyFrom } from './foi-policy.config';
import { FoiRequestsController } from './foi-requests.controller';
import { FoiRequestsService } from './foi-requests.service';

@Module({
  controllers: [FoiRequestsController, FoiExtractsController],
  providers: [
    {
      provide: FOI_POLICY,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => foiPolicyFrom(config.foi),
    },
    FoiRequestsService,
    FoiExtractsService,
  ],
})
export class FoiModule {}
