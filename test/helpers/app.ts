import { INestApplication, Type } from '@nestjs/common';
import * as bcrypt from 'bcryptjs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp, Started } from '../../src/bootstrap';
import { JobRegistry } from '../../src/jobs/job-registry';
import { JobsService } from '../../src/jobs/jobs.service';
import { Person } from '../../src/people/person.entity';
import { PersonStatusChange } from '../../src/people/person-status-change.entity';
import { User } from '../../src/users/user.entity';
import { Role } from '../../src/auth/roles';

export const PASSWORD = 'correct-horse-battery';
let counter = 0;

/** A short unique suffix so test files never collide on usernames or staff numbers. */
export function unique(prefix = ''): string {
  counter += 1;
  return `${prefix}${Date.now().toString(36)}${process.pid.toString(36)}${counter}`.slice(-20);
}

export interface TestApp {
  started: Started<INestApplication>;
  app: INestApplication;
  http: ReturnType<typeof request>;
  ds: DataSource;
  jobs: JobsService;
  close(): Promise<void>;
}

export async function startApp(
  env: Record<string, string> = {},
  controllers: Type[] = [],
): Promise<TestApp> {
  const started = await createApp({ ...process.env, ...env }, controllers);
  const app = started.app;
  return {
    started,
    app,
    http: request(app.getHttpServer()),
    ds: app.get(DataSource),
    jobs: app.get(JobsService),
    close: () => started.close(),
  };
}

export interface TestUser {
  id: string;
  username: string;
  personId: string;
  roles: Role[];
  token: string;
}

let hash: string | null = null;

/** Inserts a person and an account directly (a factory), then logs in through the API. */
export async function createUser(
  t: TestApp,
  roles: Role[],
  person: Partial<Person> = {},
): Promise<TestUser> {
  hash ??= await bcrypt.hash(PASSWORD, 4);
  const username = unique('u').toLowerCase();
  const p = await createPerson(t, person);
  const allRoles: Role[] = roles.includes('OFFICER') ? roles : ['OFFICER', ...roles];
  const user = await t.ds
    .getRepository(User)
    .save({ username, passwordHash: hash, roles: allRoles, personId: p.id });
  const token = await login(t, username);
  return { id: user.id, username, personId: p.id, roles: allRoles, token };
}

export async function login(t: TestApp, username: string, password = PASSWORD): Promise<string> {
  const res = await t.http.post('/api/v1/auth/login').send({ username, password });
  if (res.status !== 200)
    throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as { accessToken: string }).accessToken;
}

export async function createPerson(t: TestApp, over: Partial<Person> = {}): Promise<Person> {
  const person = await t.ds.getRepository(Person).save({
    staffNumber: unique('S')
      .toUpperCase()
      .replace(/[^A-Z0-9]/g, ''),
    forenames: 'Test',
    surname: 'Person',
    dateOfBirth: '1985-01-01',
    gender: 'NOT_RECORDED',
    personType: 'POLICE_OFFICER',
    rank: 'CONSTABLE',
    unit: 'Test BCU',
    joinedOn: '2010-01-01',
    currentStatus: 'SERVING',
    ...over,
  } as Person);
  await t.ds.getRepository(PersonStatusChange).save({
    personId: person.id,
    status: 'SERVING',
    effectiveFrom: person.joinedOn ?? '2010-01-01',
  });
  return person;
}

export const bearer = (u: { token: string }) => ({ Authorization: `Bearer ${u.token}` });

/** Polls until `check` returns a value (jobs finish in the background). */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 20000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The names of the daily tasks `app` has registered with the daily runner. */
export function dailyTaskNames(app: INestApplication): string[] {
  return app
    .get(JobRegistry)
    .dailyTasks()
    .map(([name]) => name);
}
