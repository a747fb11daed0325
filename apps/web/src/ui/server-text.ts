// The server's codes and parameters as words in the person's language: validation issues (a field's problem,
// a source setting, a CSV line), connector errors. The server's English `message` is for API users only.
import type { TFunction } from 'i18next';
import type { ApiIssue } from '../api/client';
import { describeNetwork } from '../features/channels/networks';
import fr from '../i18n/fr.json';

type IssueCode = Exclude<keyof typeof fr.issues, 'formats'>;
type ConnectorErrorCode = keyof typeof fr.connectorErrors;

function isIssueCode(code: string): code is IssueCode {
  return code !== 'formats' && Object.hasOwn(fr.issues, code);
}

/** Parameters as people read them: networks by their brand name, lists joined. */
function readableParams(params: Record<string, unknown> | undefined): Record<string, unknown> {
  const readable: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params ?? {})) {
    if ((key === 'network' || key === 'channelNetwork') && typeof value === 'string') {
      readable[key] = describeNetwork(value).label;
    } else if (Array.isArray(value)) {
      readable[key] = value.map(String).join(', ');
    } else {
      readable[key] = value;
    }
  }
  return readable;
}

/** One issue's sentence, from its code and parameters; an unknown code says the value is invalid. */
export function describeIssue(issue: ApiIssue, t: TFunction): string {
  const params = readableParams(issue.params);
  if (issue.code === 'invalid_format' && typeof issue.params?.format === 'string') {
    const format = issue.params.format;
    if (Object.hasOwn(fr.issues.formats, format))
      return t(`issues.formats.${format as keyof typeof fr.issues.formats}`);
  }
  return isIssueCode(issue.code) ? t(`issues.${issue.code}`, params) : t('issues.invalid');
}

/** What a network's refusal means, by the connector error code stored with it (never its English text). */
export function describeConnectorError(code: string | null | undefined, t: TFunction): string {
  return code && Object.hasOwn(fr.connectorErrors, code)
    ? t(`connectorErrors.${code as ConnectorErrorCode}`)
    : t('connectorErrors.other');
}
