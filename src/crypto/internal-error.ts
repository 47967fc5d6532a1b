import { DomainError } from '../common/domain-error';

/**
 * 500: something the caller cannot fix went wrong inside (a key is missing, a stored value does
 * not decrypt). The message names key ids and reasons, never plaintext or key material.
 */
export class InternalError extends DomainError {
  readonly status = 500;
}
