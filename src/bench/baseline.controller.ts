import { Body, Controller, HttpCode, Post, Type } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Public } from '../auth/decorators';

/**
 * The benchmark's baseline (test/bench): a bare route in the same application that inserts one
 * row of the same size as a declaration, with no authentication, validation, encryption or
 * audit, so `npm run bench` can show what those cost. It exists only when BENCH_BASELINE_ROUTE
 * is `true` (the benchmark sets it, and creates the `bench_baseline` table in its own
 * throwaway database); otherwise it is not registered and is not in the route table.
 */
@ApiExcludeController()
@Controller('v1/bench')
export class BenchBaselineController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Post('baseline')
  @Public()
  @HttpCode(201)
  async insert(@Body() body: unknown): Promise<{ id: string }> {
    const [row] = await this.dataSource.query<Array<{ id: string }>>(
      `INSERT INTO bench_baseline (body) VALUES ($1) RETURNING id`,
      [JSON.stringify(body)],
    );
    return { id: row.id };
  }
}

/** The controllers to add for a benchmark run: none unless BENCH_BASELINE_ROUTE=true. */
export function benchControllers(env: NodeJS.ProcessEnv = process.env): Type[] {
  return env.BENCH_BASELINE_ROUTE === 'true' ? [BenchBaselineController] : [];
}
