// One member in the members list: name (you, owner), email, role (a select for those who manage members) and
// join date, and the actions menu (reset link, hand ownership over, remove).
import { ActionIcon, Badge, Group, Menu, Select, Table, Text } from '@mantine/core';
import { IconCrown, IconDots, IconKey, IconUserMinus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Member } from '../../api/types';
import { useFormatDate } from '../../ui/format';
import { useRoleOptions } from '../workspaces/role-options';
import { isRole, type Role } from '../workspaces/roles';
import { useWorkspace } from '../workspaces/workspace-context';

export function MemberRow(props: {
  member: Member;
  /** Whether this person may change this member (owners are changed by owners only). */
  mayChange: boolean;
  roleChanging: boolean;
  onRole: (role: Role) => void;
  onReset: () => void;
  onTransfer: () => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const { permissions, session } = useWorkspace();
  const formatDate = useFormatDate();
  const roleOptions = useRoleOptions();
  const { member, mayChange, roleChanging, onRole, onReset, onTransfer, onRemove } = props;
  return (
    <Table.Tr data-testid="member-row">
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          <Text size="sm">{member.name}</Text>
          {member.userId === session.user.id && (
            <Badge size="xs" variant="light">
              {t('common.you')}
            </Badge>
          )}
          {member.isOwner && (
            <Badge size="xs" variant="light" color="yellow" data-testid="member-owner">
              {t('members.owner')}
            </Badge>
          )}
        </Group>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{member.email}</Text>
      </Table.Td>
      <Table.Td>
        {permissions.manageMembers ? (
          <Select
            aria-label={t('members.role')}
            data={roleOptions}
            value={member.role}
            onChange={(role) => {
              if (isRole(role) && role !== member.role) onRole(role);
            }}
            allowDeselect={false}
            disabled={roleChanging || !mayChange}
            w={230}
            size="xs"
            data-testid={`write-member-role-${member.userId}`}
          />
        ) : (
          <Text size="sm" data-testid="member-role">
            {t(`roles.${member.role}`)}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm">{formatDate(member.joinedAt)}</Text>
      </Table.Td>
      {permissions.manageMembers && (
        <Table.Td>
          <MemberMenu
            member={member}
            mayChange={mayChange}
            onReset={onReset}
            onTransfer={onTransfer}
            onRemove={onRemove}
          />
        </Table.Td>
      )}
    </Table.Tr>
  );
}

/** The actions on a member: a password reset link, handing ownership over (owner only), removal. */
function MemberMenu(props: {
  member: Member;
  mayChange: boolean;
  onReset: () => void;
  onTransfer: () => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const { session } = useWorkspace();
  const { member, mayChange, onReset, onTransfer, onRemove } = props;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon
          variant="subtle"
          color="gray"
          aria-label={t('common.actions')}
          data-testid={`member-actions-${member.userId}`}
        >
          <IconDots size={16} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item
          leftSection={<IconKey size={16} />}
          onClick={onReset}
          disabled={!mayChange}
          data-testid={`write-member-reset-${member.userId}`}
        >
          {t('members.resetLink')}
        </Menu.Item>
        {session.user.isOwner && member.userId !== session.user.id && (
          <Menu.Item
            leftSection={<IconCrown size={16} />}
            onClick={onTransfer}
            data-testid={`write-member-transfer-${member.userId}`}
          >
            {t('members.transfer')}
          </Menu.Item>
        )}
        <Menu.Item
          color="red"
          leftSection={<IconUserMinus size={16} />}
          onClick={onRemove}
          disabled={!mayChange}
          data-testid={`write-member-remove-${member.userId}`}
        >
          {t('members.remove')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
