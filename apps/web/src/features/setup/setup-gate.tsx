// Sends every visitor to /setup until the instance has been set up, and keeps
// them away from it afterwards.
import { Center, Container } from '@mantine/core';
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { ErrorAlert } from '../../ui/api-errors';
import { PageLoader } from '../../ui/page-loader';
import { useSetupStatus } from './setup-status';

export function SetupGate() {
  const status = useSetupStatus();
  const location = useLocation();
  const onSetupPage = location.pathname === '/setup';

  if (status.isPending) return <PageLoader />;
  if (status.isError) {
    return (
      <Center mih="100vh">
        <Container size="sm">
          <ErrorAlert error={status.error} onRetry={() => void status.refetch()} />
        </Container>
      </Center>
    );
  }
  if (status.data.needed && !onSetupPage) return <Navigate to="/setup" replace />;
  if (!status.data.needed && onSetupPage) return <Navigate to="/" replace />;
  return <Outlet />;
}
