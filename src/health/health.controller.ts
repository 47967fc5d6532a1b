import { Controller, Get, Res } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../auth/decorators';
import { JobsService } from '../jobs/jobs.service';

class HealthDto {
  status: 'ok' | 'degraded';
  database: 'up' | 'down';
  queue: 'up' | 'down';
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobsService,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Liveness and dependencies: 503 when the database or queue is down' })
  @ApiOkResponse({ description: '{status:"ok", database:"up", queue:"up"}' })
  @ApiServiceUnavailableResponse({ description: 'A dependency is down' })
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthDto> {
    const [database, queue] = await Promise.all([this.databaseUp(), this.jobs.queueHealthy()]);
    const body: HealthDto = {
      status: database && queue ? 'ok' : 'degraded',
      database: database ? 'up' : 'down',
      queue: queue ? 'up' : 'down',
    };
    if (body.status !== 'ok') res.status(503);
    return body;
  }

  private async databaseUp(): Promise<boolean> {
    try {
      await Promise.race([
        this.dataSource.query('SELECT 1'),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000).unref()),
      ]);
      return true;
    } catch {
      return false;
    }
  }
}
