/**
 * A fresh Idempotency-Key for one attempt at a side effect (creating a booking, cancelling one). The
 * server answers a repeated key with the first answer, so a retry after a lost response can't charge
 * or book twice. crypto.randomUUID exists only in secure contexts (https, localhost); elsewhere the
 * same version-4 layout is built from crypto.getRandomValues, which every browser has.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
