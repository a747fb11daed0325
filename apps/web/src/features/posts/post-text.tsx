// A post's text with links, hashtags and mentions highlighted. Built from React text nodes only:
// whatever the text contains is shown, never interpreted as HTML.
import { Anchor, Text } from '@mantine/core';
import { Fragment } from 'react';
import { tokenizePostText } from './text-tokens';

export function PostText({ text, accent }: { text: string; accent: string }) {
  return (
    <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="post-preview-text">
      {tokenizePostText(text).map((token, index) => {
        if (token.kind === 'text') return <Fragment key={index}>{token.value}</Fragment>;
        if (token.kind === 'link') {
          return (
            <Anchor
              key={index}
              href={token.value}
              target="_blank"
              rel="noopener noreferrer nofollow"
              c={accent}
              inherit
            >
              {token.value}
            </Anchor>
          );
        }
        return (
          <Text key={index} span inherit c={accent} fw={500} data-token={token.kind}>
            {token.value}
          </Text>
        );
      })}
    </Text>
  );
}
