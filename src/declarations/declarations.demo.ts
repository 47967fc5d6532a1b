import { EntityManager } from 'typeorm';
import { addDays, todayIso } from '../calendar/domain/dates';
import type { User } from '../users/user.entity';
import type { DeclarationsService } from './declarations.service';
import { Declaration } from './declaration.entity';
import type { AssociateInputDto } from './dto/declaration.dto';

/**
 * Demo declarations, made through the same code as real ones (so encrypted and blind-indexed):
 * officer1 and officer2 both name the same associate, written differently, so the vetting unit
 * sees a link; officer1 also has an assessed declaration under monitoring.
 */
export async function seedDemoDeclarations(
  service: DeclarationsService,
  m: EntityManager,
  users: Map<string, User>,
): Promise<void> {
  const today = todayIso();
  const declarant = (username: string) => {
    const u = users.get(username);
    if (!u?.personId) throw new Error(`Demo account ${username} has no person`);
    return { personId: u.personId, userId: u.id };
  };
  const sharedAssociate: AssociateInputDto = {
    fullName: 'José Martínez',
    aliases: ['Joe Martinez'],
    dateOfBirth: '1979-03-14',
    relationship: 'FRIEND',
    reasons: ['ORGANISED_CRIME_LINKS', 'ADVERSE_INTELLIGENCE'],
    current: true,
    contactFrequency: 'MONTHLY',
    circumstances: 'School friend; heard from a neighbour that he was arrested last year.',
  };
  await service.insertDeclaration(m, declarant('officer1'), {
    becameAwareOn: addDays(today, -20),
    associates: [sharedAssociate],
  });
  await service.insertDeclaration(m, declarant('officer2'), {
    becameAwareOn: addDays(today, -12),
    associates: [
      {
        fullName: 'MARTINEZ,  jose',
        dateOfBirth: '1979-03-14',
        relationship: 'BUSINESS_ASSOCIATE',
        reasons: ['UNDER_INVESTIGATION_OR_AWAITING_TRIAL'],
        current: true,
        contactFrequency: 'WEEKLY',
        circumstances: 'Co-owner of a car wash I have a share in.',
      },
    ],
  });
  const monitored = await service.insertDeclaration(m, declarant('officer1'), {
    becameAwareOn: addDays(today, -60),
    associates: [
      {
        fullName: 'Dean Carter',
        dateOfBirth: '1985-08-02',
        relationship: 'SIBLING',
        reasons: ['CRIMINAL_CONVICTION'],
        current: true,
        contactFrequency: 'OCCASIONALLY',
        circumstances: 'My brother; convicted of handling stolen goods in 2019.',
      },
    ],
  });
  const assessor = users.get('vetting1');
  if (assessor) {
    const locked = await m.findOneOrFail(Declaration, {
      where: { id: monitored.id },
      lock: { mode: 'pessimistic_write' },
    });
    await service.applyAssessment(
      m,
      locked,
      {
        riskLevel: 'LOW',
        outcome: 'ADVICE_GIVEN',
        conditions: ['NO_DISCUSSION_OF_WORK'],
        rationale: 'Spent conviction, no current intelligence; advice on boundaries given.',
      },
      assessor.id,
      today,
    );
  }
}
