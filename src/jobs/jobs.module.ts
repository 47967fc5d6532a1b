import { Global, Module } from '@nestjs/common';
import { JobRegistry } from './job-registry';
import { JobsService } from './jobs.service';

@Global()
@Module({
  providers: [JobRegistry, JobsService],
  exports: [JobRegistry, JobsService],
})
export class JobsModule {}
