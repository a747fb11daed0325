// The charter's findings in the composer, beside the network rules: computed live in the browser, each with its
// reason and suggested fix, which a person who may edit applies in one click (to the shared text, the channel's or
// its first comment).
import type { CharterFinding } from '@rostra/core';
import type { Channel } from '../../api/types';
import { CharterFindings } from '../charter/charter-findings';
import type { ChannelChoice, ComposerValues } from './composer-values';
import { applyFinding, useCharterFindings } from './use-charter-findings';

interface ComposerCharterFindingsProps {
  workspaceId: string;
  values: ComposerValues;
  channels: Map<string, Channel>;
  editable: boolean;
  onTextChange: (text: string) => void;
  onChoiceChange: (choice: ChannelChoice) => void;
}

export function ComposerCharterFindings(props: ComposerCharterFindingsProps) {
  const { workspaceId, values, channels, editable, onTextChange, onChoiceChange } = props;
  const findings = useCharterFindings(workspaceId, values, channels);
  const apply = (finding: CharterFinding) => {
    const choice = values.channels.find((c) => c.channelId === finding.channelId);
    const applied = choice && applyFinding(values, choice, finding);
    if (!choice || !applied) return;
    if ('firstComment' in applied) onChoiceChange({ ...choice, firstComment: applied.firstComment });
    else if (applied.shared) onTextChange(applied.text);
    else onChoiceChange({ ...choice, text: applied.text });
  };
  return <CharterFindings findings={findings} channels={channels} onApplyFix={editable ? apply : undefined} />;
}
