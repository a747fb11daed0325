// A charter finding as people read it: the rule's sentence in their language (charter.rules.<rule>, with the
// finding's params; a network id becomes its name), never the rule id itself.
import type { CharterFinding } from '@rostra/core';
import type { TFunction } from 'i18next';
import fr from '../../i18n/fr.json';
import { describeNetwork } from '../channels/networks';

type RuleKey = keyof typeof fr.charter.rules;

function isKnownRule(rule: string): rule is RuleKey {
  return Object.hasOwn(fr.charter.rules, rule);
}

export function describeFinding(t: TFunction, finding: Pick<CharterFinding, 'rule' | 'params'>): string {
  if (!isKnownRule(finding.rule)) return t('charter.ruleUnknown');
  const params = { ...finding.params };
  if (typeof params.network === 'string') params.network = describeNetwork(params.network).label;
  return t(`charter.rules.${finding.rule}`, params);
}
