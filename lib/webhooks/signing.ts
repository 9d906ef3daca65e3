import { createHmac } from 'node:crypto';

/**
 * The key a webhook secret stands for, as the SDK's `client.webhooks.unwrap` reads it: the base64 after
 * `whsec_`, or the secret's own UTF-8 bytes.
 */
function keyOf(secret: string): Buffer {
  return secret.startsWith('whsec_') ? Buffer.from(secret.slice('whsec_'.length), 'base64') : Buffer.from(secret, 'utf8');
}

/**
 * The `webhook-signature` header of one delivery, by the Standard Webhooks scheme OpenAI signs with:
 * `v1,` and the base64 HMAC-SHA256 of `${id}.${timestamp}.${body}` under the secret's key.
 */
export function webhookSignature(secret: string, id: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', keyOf(secret)).update(`${id}.${timestamp}.${body}`).digest('base64');
  return `v1,${mac}`;
}
