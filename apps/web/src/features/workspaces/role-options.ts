// Translated role choices for Select inputs.
import { useTranslation } from 'react-i18next';
import { ROLES } from './roles';

export function useRoleOptions(): { value: string; label: string }[] {
  const { t } = useTranslation();
  return ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }));
}
