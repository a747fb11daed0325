// The social media policy as the admin wrote it: plain text, paragraphs at blank lines, line breaks kept. React
// escapes it; no markup is interpreted.
import { Stack, Text } from '@mantine/core';

export function PolicyText({ text, testId }: { text: string; testId?: string }) {
  const paragraphs = text.split(/\n\s*\n/).filter((p) => p.trim() !== '');
  return (
    <Stack gap="xs" data-testid={testId}>
      {paragraphs.map((paragraph, index) => (
        <Text key={index} size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {paragraph}
        </Text>
      ))}
    </Stack>
  );
}
