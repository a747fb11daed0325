// Header menu to switch between French and English.
import { Box, Button, Menu } from '@mantine/core';
import { IconCheck, IconLanguage } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { LOCALES, getCurrentLocale } from '../../i18n';
import { useChangeLocale } from './use-change-locale';

export function LanguageMenu() {
  const { t } = useTranslation();
  const changeLocale = useChangeLocale();
  const current = getCurrentLocale();

  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="subtle"
          color="gray"
          px={{ base: 6, sm: 'md' }}
          leftSection={<IconLanguage size={18} />}
          aria-label={t('language.label')}
          data-testid="language-menu"
        >
          {/* On a phone the icon alone leaves the workspace switcher room to be read. */}
          <Box component="span" visibleFrom="xs">
            {current.toUpperCase()}
          </Box>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('language.label')}</Menu.Label>
        {LOCALES.map((locale) => (
          <Menu.Item
            key={locale}
            lang={locale}
            onClick={() => changeLocale(locale)}
            rightSection={locale === current ? <IconCheck size={14} /> : null}
            data-testid={`language-option-${locale}`}
          >
            {t(`language.${locale}`)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
