// Worker ids say where a worker runs, so an operator reading health or probe results can find it.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

export function newWorkerId(role: string): string {
  return `${hostname()}:${process.pid}:${role}:${randomBytes(3).toString('hex')}`;
}
