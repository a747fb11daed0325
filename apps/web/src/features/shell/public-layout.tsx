// Frame for pages seen before logging in: setup, login and invitation links.
import { Box, Container, Group, Paper, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageMenu } from './language-menu';

export function PublicLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Box mih="100vh" bg="var(--mantine-color-body)">
      <Group justify="space-between" px="md" py="sm">
        <div>
          <Title order={3}>{t('app.name')}</Title>
          <Text size="xs" c="dimmed">
            {t('app.tagline')}
          </Text>
        </div>
        <LanguageMenu />
      </Group>
      <Container size={460} py="xl">
        <Paper withBorder shadow="sm" radius="md" p="xl">
          {children}
        </Paper>
      </Container>
    </Box>
  );
}
