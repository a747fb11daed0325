// Full-area spinner shown while the first request of a screen is in flight.
import { Center, Loader } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function PageLoader() {
  const { t } = useTranslation();
  return (
    <Center mih={200} h="100%" aria-label={t('app.loading')} data-testid="page-loader">
      <Loader />
    </Center>
  );
}
