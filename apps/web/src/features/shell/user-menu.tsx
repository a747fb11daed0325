// Header menu with the logged-in identity, the password change and logout.
import { Avatar, Button, Menu, Text } from '@mantine/core';
import { IconChevronDown, IconKey, IconLogout } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { User } from '../../api/types';
import { ChangePasswordModal } from '../auth/change-password-modal';
import { useLogout } from '../auth/session';

function readInitials(name: string): string {
  const initials = name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase() ?? '')
    .join('');
  return initials || '?';
}

export function UserMenu({ user }: { user: User }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const logout = useLogout();
  const [changingPassword, setChangingPassword] = useState(false);

  const signOut = () => {
    logout.mutate(undefined, { onSettled: () => void navigate('/login', { replace: true }) });
  };

  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button
            variant="subtle"
            color="gray"
            leftSection={
              <Avatar size={26} radius="xl" color="blue">
                {readInitials(user.name)}
              </Avatar>
            }
            px={{ base: 4, sm: 'sm' }}
            rightSection={<IconChevronDown size={14} />}
            // Starts with the name shown on the button, so a voice command saying it reaches the menu (WCAG 2.5.3).
            aria-label={t('a11y.accountOf', { name: user.name })}
            data-testid="user-menu"
          >
            <Text size="sm" visibleFrom="sm" span>
              {user.name}
            </Text>
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{t('header.signedInAs', { email: user.email })}</Menu.Label>
          <Menu.Item
            leftSection={<IconKey size={16} />}
            onClick={() => setChangingPassword(true)}
            data-testid="change-password"
          >
            {t('password.change')}
          </Menu.Item>
          <Menu.Item leftSection={<IconLogout size={16} />} onClick={signOut} data-testid="logout">
            {t('header.logout')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <ChangePasswordModal opened={changingPassword} onClose={() => setChangingPassword(false)} />
    </>
  );
}
