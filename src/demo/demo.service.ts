import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import * as bcrypt from 'bcryptjs';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Role } from '../auth/roles';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { CreatePersonDto } from '../people/dto/person.dto';
import { PersonStatusChange } from '../people/person-status-change.entity';
import { Person } from '../people/person.entity';
import { PeopleService } from '../people/people.service';
import { User } from '../users/user.entity';
import { BCRYPT_ROUNDS } from '../users/users.service';

const DEMO_LOCK = 727_003;

export interface DemoAccount {
  username: string;
  roles: Role[];
  person: CreatePersonDto;
}

/** Other features add their demo records here; each runs once, in the seeding transaction. */
export type DemoContributor = (m: EntityManager, users: Map<string, User>) => Promise<void>;

export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    username: 'officer1',
    roles: ['OFFICER'],
    person: {
      staffNumber: 'D1001',
      forenames: 'Sam',
      surname: 'Carter',
      dateOfBirth: '1988-05-12',
      gender: 'MALE',
      personType: 'POLICE_OFFICER',
      rank: 'CONSTABLE',
      unit: 'North BCU',
      vettingLevel: 'NPPV2',
      joinedOn: '2012-09-03',
      fingerprintsHeldOn: '2012-09-10',
      dnaHeldOn: '2012-09-10',
    },
  },
  {
    username: 'officer2',
    roles: ['OFFICER'],
    person: {
      staffNumber: 'D1002',
      forenames: 'Priya',
      surname: 'Shah',
      dateOfBirth: '1993-11-02',
      gender: 'FEMALE',
      personType: 'PCSO',
      grade: 'PCSO',
      unit: 'East BCU',
      vettingLevel: 'NPPV1',
      joinedOn: '2019-04-01',
      fingerprintsHeldOn: '2019-04-08',
    },
  },
  {
    username: 'vetting1',
    roles: ['OFFICER', 'VETTING'],
    person: {
      staffNumber: 'D2001',
      forenames: 'Morgan',
      surname: 'Ellis',
      dateOfBirth: '1979-02-20',
      gender: 'NOT_RECORDED',
      personType: 'POLICE_STAFF',
      grade: 'Vetting Officer',
      unit: 'Vetting Unit',
      vettingLevel: 'SC',
      joinedOn: '2010-01-11',
    },
  },
  {
    username: 'psd1',
    roles: ['OFFICER', 'PSD'],
    person: {
      staffNumber: 'D3001',
      forenames: 'Chris',
      surname: 'Okafor',
      dateOfBirth: '1975-07-30',
      gender: 'MALE',
      personType: 'POLICE_OFFICER',
      rank: 'SERGEANT',
      unit: 'Professional Standards',
      vettingLevel: 'SC',
      joinedOn: '2001-03-05',
      fingerprintsHeldOn: '2001-03-12',
      dnaHeldOn: '2008-06-01',
    },
  },
  {
    username: 'foi1',
    roles: ['OFFICER', 'FOI'],
    person: {
      staffNumber: 'D4001',
      forenames: 'Jo',
      surname: 'Lee',
      dateOfBirth: '1990-09-09',
      gender: 'FEMALE',
      personType: 'POLICE_STAFF',
      grade: 'FOI Officer',
      unit: 'Information Rights',
      vettingLevel: 'NPPV2',
      joinedOn: '2016-06-06',
    },
  },
  {
    username: 'auditor1',
    roles: ['OFFICER', 'AUDITOR'],
    person: {
      staffNumber: 'D5001',
      forenames: 'Alex',
      surname: 'Novak',
      dateOfBirth: '1984-01-17',
      gender: 'OTHER',
      personType: 'POLICE_STAFF',
      grade: 'Information Assurance',
      unit: 'Information Assurance',
      vettingLevel: 'NPPV3',
      joinedOn: '2014-02-03',
    },
  },
  {
    username: 'admin1',
    roles: ['OFFICER', 'ADMIN'],
    person: {
      staffNumber: 'D6001',
      forenames: 'Robin',
      surname: 'Hughes',
      dateOfBirth: '1986-12-01',
      gender: 'FEMALE',
      personType: 'POLICE_STAFF',
      grade: 'Systems Administrator',
      unit: 'Digital Services',
      vettingLevel: 'NPPV3',
      joinedOn: '2015-08-17',
    },
  },
];

/** Extra register entries with histories, so the demo has leavers and suspensions to look at. */
const DEMO_PEOPLE: Array<
  CreatePersonDto & { history?: Array<[PersonStatusChange['status'], string]> }
> = [
  {
    staffNumber: 'D7001',
    forenames: 'Dana',
    surname: 'Price',
    dateOfBirth: '1982-04-04',
    gender: 'FEMALE',
    personType: 'POLICE_OFFICER',
    rank: 'INSPECTOR',
    unit: 'South BCU',
    vettingLevel: 'NPPV3',
    joinedOn: '2005-10-01',
    fingerprintsHeldOn: '2005-10-05',
    history: [
      ['SUSPENDED', '2024-02-01'],
      ['RESIGNED', '2024-07-31'],
    ],
  },
  {
    staffNumber: 'D7002',
    forenames: 'Lewis',
    surname: 'Grant',
    dateOfBirth: '1995-06-21',
    gender: 'MALE',
    personType: 'SPECIAL_CONSTABLE',
    rank: 'CONSTABLE',
    unit: 'West BCU',
    vettingLevel: 'RV',
    joinedOn: '2021-01-15',
  },
  {
    staffNumber: 'D7003',
    forenames: 'Nia',
    surname: 'Roberts',
    dateOfBirth: '1970-03-03',
    gender: 'FEMALE',
    personType: 'POLICE_OFFICER',
    rank: 'CHIEF_INSPECTOR',
    unit: 'Central BCU',
    vettingLevel: 'SC',
    joinedOn: '1995-09-01',
    fingerprintsHeldOn: '1995-09-03',
    dnaHeldOn: '2003-01-20',
    history: [['RETIRED', '2025-03-31']],
  },
];

@Injectable()
export class DemoService implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoService.name);
  private readonly contributors: Array<[string, DemoContributor]> = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly people: PeopleService,
    private readonly audit: AuditService,
  ) {}

  contribute(name: string, contributor: DemoContributor): void {
    this.contributors.push([name, contributor]);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.demo.seed) return;
    const seeded = await this.seed();
    const url = `http://localhost:${this.config.port}`;
    this.logger.log(
      `${seeded ? 'Demo data created. ' : ''}Demo accounts: ${DEMO_ACCOUNTS.map((a) => a.username).join(', ')} ` +
        `(password from DEMO_PASSWORD). Try: curl -s -X POST ${url}/api/v1/auth/login ` +
        `-H 'Content-Type: application/json' -d '{"username":"officer1","password":"<DEMO_PASSWORD>"}'`,
    );
  }

  /** Seeds an empty database once; returns false when accounts already exist. */
  async seed(): Promise<boolean> {
    // Every start but the first finds accounts: it answers that without hashing a password
    // (a bcrypt hash is about 0.1–0.2 s of CPU, on the way to the first healthy answer).
    if ((await this.dataSource.getRepository(User).count()) > 0) return false;
    const hash = await bcrypt.hash(this.config.demo.password, BCRYPT_ROUNDS);
    return this.dataSource.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock($1)', [DEMO_LOCK]);
      if ((await m.count(User)) > 0) return false;
      const users = new Map<string, User>();
      for (const account of DEMO_ACCOUNTS) {
        const person = await this.people.insertPerson(m, account.person);
        users.set(
          account.username,
          await m.save(
            m.create(User, {
              username: account.username,
              passwordHash: hash,
              roles: account.roles,
              personId: person.id,
            }),
          ),
        );
      }
      for (const extra of DEMO_PEOPLE) {
        const { history, ...dto } = extra;
        const person = await this.people.insertPerson(m, dto);
        for (const [status, effectiveFrom] of history ?? []) {
          await m.save(
            m.create(PersonStatusChange, { personId: person.id, status, effectiveFrom }),
          );
          await m.update(
            Person,
            { id: person.id },
            { currentStatus: status, leftOn: status === 'SUSPENDED' ? null : effectiveFrom },
          );
        }
      }
      for (const [name, contributor] of this.contributors) {
        await contributor(m, users);
        this.logger.log(`Demo data added: ${name}`);
      }
      await this.audit.record(m, {
        action: 'DEMO.SEEDED',
        entityType: 'system',
        actor: null,
        details: {
          accounts: DEMO_ACCOUNTS.length,
          people: DEMO_ACCOUNTS.length + DEMO_PEOPLE.length,
        },
      });
      return true;
    });
  }
}
