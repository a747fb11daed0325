// What every mention source does with the settings `validate` found wrong before a poll or a stream starts.
import { ConnectorError } from '../errors.js';

/**
 * Refuses settings with problems as `rejected`, each field and its message in one line: retrying will not
 * help, a person must change the source.
 */
export function assertValidSpec(network: string, problems: readonly { field: string; message: string }[]): void {
  if (problems.length > 0) {
    throw new ConnectorError(network, 'rejected', problems.map((p) => `${p.field}: ${p.message}`).join('; '));
  }
}
