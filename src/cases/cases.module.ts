import { Module } from '@nestjs/common';
import { CryptoModule } from '../crypto/crypto.module';
import { DeclarationsModule } from '../declarations/declarations.module';
import { PeopleModule } from '../people/people.module';
import { CasesAlertsService } from './cases-alerts.service';
import { CasesDemo } from './cases.demo';
import { ConductCasesController } from './conduct-cases.controller';
import { ConductCasesService } from './conduct-cases.service';
import { CriminalCasesController } from './criminal-cases.controller';
import { CriminalCasesService } from './criminal-cases.service';
import { ListReportsController } from './list-reports.controller';
import { ListReportsService } from './list-reports.service';

/** Criminal and conduct cases, barred and advisory list reports (DOMAIN.md §4). */
@Module({
  imports: [PeopleModule, CryptoModule, DeclarationsModule],
  controllers: [CriminalCasesController, ConductCasesController, ListReportsController],
  providers: [
    CriminalCasesService,
    ConductCasesService,
    ListReportsService,
    CasesAlertsService,
    CasesDemo,
  ],
  exports: [CriminalCasesService, ConductCasesService, ListReportsService],
})
export class CasesModule {}
