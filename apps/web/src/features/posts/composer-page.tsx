// `/w/:ws/posts/new` and `/w/:ws/posts/:postId`: loads what the composer needs, then shows it.
import { Anchor, Stack } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ErrorAlert } from '../../ui/api-errors';
import { PageLoader } from '../../ui/page-loader';
import { useChannels } from '../channels/use-channels';
import { useContentTypes, useThemes } from '../editorial/use-editorial';
import { useMembers } from '../members/use-members';
import { RelayPanel } from '../ambassador/relay-panel';
import { useWorkspaceDetails } from '../workspaces/use-workspace-details';
import { useWorkspace } from '../workspaces/workspace-context';
import { PostComposer } from './post-composer';
import { usePost } from './use-posts';

export function ComposerPage() {
  const { t } = useTranslation();
  const { workspace, permissions } = useWorkspace();
  const { postId } = useParams();
  const post = usePost(workspace.id, postId);
  const channels = useChannels(workspace.id);
  const themes = useThemes(workspace.id);
  const contentTypes = useContentTypes(workspace.id);
  const members = useMembers(workspace.id);
  const details = useWorkspaceDetails(workspace.id);

  const queries = [channels, themes, contentTypes, members, ...(postId ? [post] : [])];
  const failed = queries.find((query) => query.isError);
  const loading = queries.some((query) => query.isPending);

  return (
    <Stack>
      <Anchor component={Link} to={`/w/${workspace.id}/posts`} size="sm">
        <IconArrowLeft size={14} style={{ verticalAlign: 'middle' }} /> {t('composer.back')}
      </Anchor>
      {failed ? (
        <ErrorAlert error={failed.error} onRetry={() => void failed.refetch()} />
      ) : loading ? (
        <PageLoader />
      ) : (
        <PostComposer
          // A different post (or a newly created one) starts from a fresh form.
          key={postId ?? 'new'}
          post={post.data}
          data={{
            channels: channels.data?.items ?? [],
            themes: themes.data?.items ?? [],
            contentTypes: contentTypes.data?.items ?? [],
            members: members.data?.items ?? [],
            // Until known, assume the stricter setting: it only hides a shortcut.
            approvalRequired: details.data?.approvalRequired ?? true,
          }}
        />
      )}
      {postId && post.data && permissions.markRelays && <RelayPanel postId={postId} postText={post.data.text} />}
    </Stack>
  );
}
