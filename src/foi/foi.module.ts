import { Module } from '@nestjs/common';
import { FoiExtractsController } from './foi-extracts.controller';
import { FoiExtractsService } from './foi-extracts.service';
import { FOI_POLICY, loadFoiPolicy } from './foi-policy.config';
import { FoiRequestsController } from './foi-requests.controller';
import { FoiRequestsService } from './foi-requests.service';

@Module({
  controllers: [FoiRequestsController, FoiExtractsController],
  providers: [
    { provide: FOI_POLICY, useFactory: () => loadFoiPolicy() },
    FoiRequestsService,
    FoiExtractsService,
  ],
})
export class FoiModule {}
