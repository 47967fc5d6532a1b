import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { DomainError } from '../common/domain-error';

export class TooManyRequestsError extends DomainError {
  readonly status = 429;
}

/**
 * Login throttling: two limits, one keyed by the client address and one by the username tried,
 * so neither spraying many accounts from one address nor one account from many addresses works.
 */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  protected override throwThrottlingException(): Promise<void> {
    throw new TooManyRequestsError(
      'AUTH.TOO_MANY_ATTEMPTS',
      'Too many login attempts: try again later',
    );
  }
}
