import { createKnex } from '@argus/db';
import { ConfigError, createSecretBox, loadConfig, reencryptSecrets } from '@argus/activities';

// `npm run secrets:reencrypt`: after rotating ARGUS_ENCRYPTION_ACTIVE_KEY_ID, re-seal every stored secret with the
// active key (the worker also does this at start-up). Then the old key can be removed from ARGUS_ENCRYPTION_KEYS.
try {
  const config = loadConfig();
  const knex = createKnex({ connectionString: config.databaseUrl, applicationName: 'argus-reencrypt' });
  try {
    const result = await reencryptSecrets(knex, createSecretBox(config.encryptionKeys, config.activeEncryptionKeyId));
    console.log(`secrets_checked=${result.checked} secrets_reencrypted=${result.reencrypted} active_key=${config.activeEncryptionKeyId}`);
  } finally {
    await knex.destroy();
  }
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : `re-encryption failed: ${(err as Error).message}`);
  process.exit(1);
}
