import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { FieldCipher, parseKeyRing } from './field-cipher';

/**
 * The field cipher built from config: `FIELD_ENCRYPTION_KEYS` (key ring, first current) and
 * `BLIND_INDEX_KEY`, whose UTF-8 bytes are the HMAC key (the variable is validated as at least
 * 32 characters; the embedded demo generates a random one and keeps it in DATA_DIR).
 */
export function createFieldCipher(config: AppConfig): FieldCipher {
  const ring = parseKeyRing(config.crypto.fieldKeys);
  return new FieldCipher(
    ring.keys,
    ring.currentKeyId,
    Buffer.from(config.crypto.blindIndexKey, 'utf8'),
  );
}

@Module({
  providers: [{ provide: FieldCipher, useFactory: createFieldCipher, inject: [APP_CONFIG] }],
  exports: [FieldCipher],
})
export class CryptoModule {}
