import { Module } from '@nestjs/common';
import { CryptoModule } from '../crypto/crypto.module';
import { DeclarationsController } from './declarations.controller';
import { DeclarationsService } from './declarations.service';
import { VettingController } from './vetting.controller';
import { VettingService } from './vetting.service';

@Module({
  imports: [CryptoModule],
  controllers: [DeclarationsController, VettingController],
  providers: [DeclarationsService, VettingService],
  exports: [DeclarationsService],
})
export class DeclarationsModule {}
