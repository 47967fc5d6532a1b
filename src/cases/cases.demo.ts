import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DemoService } from '../demo/demo.service';
import { Person } from '../people/person.entity';
import { PersonStatusChange } from '../people/person-status-change.entity';
import { ConductCasesService } from './conduct-cases.service';
import { CriminalCasesService } from './criminal-cases.service';

/**
 * Demo data through the same code as real cases: D7001 (suspended, then resigned in July 2024)
 * was charged with theft and faces a gross-misconduct case paused sub judice; her resignation
 * while the allegation was live produced an advisory-list report.
 */
@Injectable()
export class CasesDemo implements OnModuleInit {
  constructor(
    private readonly demo: DemoService,
    private readonly criminal: CriminalCasesService,
    private readonly conduct: ConductCasesService,
  ) {}

  onModuleInit(): void {
    this.demo.contribute('criminal and conduct cases', (m) => this.seed(m));
  }

  private async seed(m: EntityManager): Promise<void> {
    const person = await m.findOne(Person, { where: { staffNumber: 'D7001' } });
    if (!person) return;
    const cc = await this.criminal.insert(
      m,
      {
        personId: person.id,
        offenceCategory: 'THEFT',
        offenceDescription: 'Demo: property taken from a detained person',
        offenceDate: '2024-01-10',
        indictableOnly: false,
      },
      null,
    );
    await this.criminal.appendStage(m, cc, { stage: 'ARRESTED', on: '2024-01-12' }, null);
    await this.criminal.appendStage(m, cc, { stage: 'CHARGED', on: '2024-01-30' }, null);
    const history = await m.find(PersonStatusChange, { where: { personId: person.id } });
    const { c } = await this.conduct.open(
      m,
      {
        personId: person.id,
        cameToAttentionOn: '2024-01-12',
        origin: 'CRIMINAL_INVESTIGATION',
        criminalCaseId: cc.id,
      },
      history,
      null,
    );
    await this.conduct.applyEvent(
      m,
      c,
      { type: 'SEVERITY_ASSESSED', on: '2024-01-20', severity: 'GROSS_MISCONDUCT' },
      null,
    );
    await this.conduct.applyEvent(
      m,
      c,
      { type: 'INVESTIGATION_STARTED', on: '2024-01-25', form: 'DIRECTED' },
      null,
    );
  }
}
