// What every mention source does with the settings `validate` found wrong before a poll or a stream starts.
import type { SourceProblem } from '../connector.js';
import { ConnectorError } from '../errors.js';

/** A kind the network does not offer. */
export function kindRefused(network: string, kind: string, kinds: readonly string[]): SourceProblem {
  return {
    field: 'kind',
    code: 'source_kind_unsupported',
    params: { network, kind, kinds },
    message: `${network} sources are ${kinds.map((k) => `"${k}"`).join(' or ')}, not "${kind}"`,
  };
}

/** A setting the kind does not have. */
export function settingUnknown(field: string, message: string): SourceProblem {
  return { field, code: 'unknown_field', params: { keys: [field] }, message };
}

/**
 * Refuses settings with problems as `rejected`, each field and its message in one line: retrying will not
 * help, a person must change the source.
 */
export function assertValidSpec(network: string, problems: readonly { field: string; message: string }[]): void {
  if (problems.length > 0) {
    throw new ConnectorError(network, 'rejected', problems.map((p) => `${p.field}: ${p.message}`).join('; '));
  }
}
