/** SHA-256 in hex, as `sha256sum` prints it (the files' integrity, checkable by anyone who holds them). */
import { createHash } from 'node:crypto';

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
