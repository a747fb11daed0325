// Shapes of the Rostra API responses used by the UI, named over the types generated from the server's OpenAPI
// document (schema.d.ts, `npm run api-types`): a field the server changes breaks the build here, not at run time.
// Roles and post statuses are the domain's own (@rostra/core).
import type { paths } from './schema';

export type { Role, PostStatus } from '@rostra/core';
export { POST_STATUSES } from '@rostra/core';

type Method = 'get' | 'post' | 'put' | 'patch';
type JsonBody<Response> = Response extends { content: { 'application/json': infer Body } } ? Body : never;
/** The JSON body of a route's success (200, else 201, else 202). */
type Success<Path extends keyof paths, M extends Method> =
  NonNullable<paths[Path][M]> extends { responses: infer Responses }
    ? Responses extends { 200: infer R }
      ? JsonBody<R>
      : Responses extends { 201: infer R }
        ? JsonBody<R>
        : Responses extends { 202: infer R }
          ? JsonBody<R>
          : never
    : never;
type Item<List> = List extends readonly (infer Element)[] ? Element : never;

type Workspace = '/api/workspaces/{workspaceId}';
type Listening = `${Workspace}/listening`;

export type Session = Success<'/api/session', 'get'>;
export type User = Session['user'];
export type Locale = User['locale'];
export type WorkspaceSummary = Item<Session['workspaces']>;
export type WorkspaceDetails = Success<Workspace, 'get'>;

export type Member = Item<Success<`${Workspace}/members`, 'get'>['items']>;
export type Invitation = Item<Success<`${Workspace}/invitations`, 'get'>['items']>;
export type InvitationStatus = Invitation['status'];
export type PublicInvitation = Success<'/api/invitations/{token}', 'get'>;
export type SmtpStatus = Success<`${Workspace}/mail/status`, 'get'>;
export type MailTestResult = Success<`${Workspace}/mail/test`, 'post'>;
export type ApiKey = Item<Success<`${Workspace}/api-keys`, 'get'>['items']>;
export type AuditEntry = Item<Success<`${Workspace}/audit`, 'get'>['items']>;

export interface Page<T> {
  items: T[];
}

export interface CursorPage<T> extends Page<T> {
  nextCursor: string | null;
}

// Publishing: channels, the editorial vocabulary, posts and their deliveries.

export type ChannelList = Success<`${Workspace}/channels`, 'get'>;
export type Channel = Item<ChannelList['items']>;
export type ChannelStatus = Channel['status'];
/** A network this server can connect, with the fields its connection form asks for. */
export type NetworkOffer = Item<ChannelList['networks']>;
export type ConnectMethod = Item<NetworkOffer['methods']>;
export type ConnectField = Item<NetworkOffer['fields']>;
export type OAuthChoices = Success<`${Workspace}/channels/oauth/choices/{choiceToken}`, 'get'>;

export type Theme = Item<Success<`${Workspace}/themes`, 'get'>['items']>;
export type ContentType = Item<Success<`${Workspace}/content-types`, 'get'>['items']>;

export type PostDetail = Success<`${Workspace}/posts/{postId}`, 'get'>;
export type Post = Item<Success<`${Workspace}/posts`, 'get'>['items']>;
export type PostTarget = Item<Post['targets']>;
export type TargetStatus = PostTarget['status'];

/** The home page ("Aujourd'hui") in one read. */
export type Home = Success<`${Workspace}/home`, 'get'>;
export type ThreadPlan = NonNullable<PostTarget['thread']>;
export type PostMedia = Item<PostDetail['media']>;
/** An uploaded image or video. */
export type MediaFile = Item<Success<`${Workspace}/media`, 'get'>['items']>;
/** A network rule the post breaks on one channel, as the server counts it. */
export type Violation = Item<PostDetail['violations']>;
export type PostComment = Item<Success<`${Workspace}/posts/{postId}/comments`, 'get'>['items']>;

export type WebhookList = Success<`${Workspace}/webhooks`, 'get'>;
export type Webhook = Item<WebhookList['items']>;
export type WebhookDelivery = Item<Success<`${Workspace}/webhooks/{webhookId}/deliveries`, 'get'>['items']>;
export type WebhookDeliveryStatus = WebhookDelivery['status'];

// --- Listening (veille) ----------------------------------------------------------------------------------------

export type TopicList = Success<`${Listening}/topics`, 'get'>;
export type Topic = Item<TopicList['items']>;
export type TopicGroup = Topic['group'];
export type TopicPreview = Success<`${Listening}/topics/preview`, 'get'>;
export type MentionPage = Success<`${Listening}/mentions`, 'get'>;
export type Mention = Item<MentionPage['items']>;
export type Sentiment = Mention['sentiment'];

export type SourceList = Success<`${Listening}/sources`, 'get'>;
export type ListeningSource = Item<SourceList['items']>;
export type SourceHealthStatus = ListeningSource['health']['status'];
export type SourceNetwork = Item<SourceList['networks']>;

export type VolumeDashboard = Success<`${Listening}/dashboard/volume`, 'get'>;
export type DashboardBucket = VolumeDashboard['bucket'];
export type SentimentDashboard = Success<`${Listening}/dashboard/sentiment`, 'get'>;
export type SentimentPoint = Item<SentimentDashboard['points']>;
export type TopDashboard = Success<`${Listening}/dashboard/top`, 'get'>;
export type TrendingDashboard = Success<`${Listening}/dashboard/trending`, 'get'>;
export type TrendingTerm = Item<TrendingDashboard['terms']>;
export type ShareOfVoiceDashboard = Success<`${Listening}/dashboard/share-of-voice`, 'get'>;
export type VoiceShare = Item<ShareOfVoiceDashboard['items']>;

// --- Alerts -------------------------------------------------------------------------------------------------

export type AlertRule = Item<Success<`${Workspace}/alerts`, 'get'>['items']>;
export type AlertKind = AlertRule['kind'];
export type AlertEventPage = Success<`${Workspace}/alert-events`, 'get'>;
export type AlertEvent = Item<AlertEventPage['items']>;

// --- Inbox --------------------------------------------------------------------------------------------------

type Inbox = `${Workspace}/inbox`;
export type InboxPage = Success<`${Inbox}/items`, 'get'>;
export type InboxItem = Item<InboxPage['items']>;
export type InboxStatus = InboxItem['status'];
export type InboxCounts = Success<`${Inbox}/counts`, 'get'>;
export type InboxConversation = Success<`${Inbox}/conversations/{conversationId}`, 'get'>;

// --- Inbox automation: service levels, saved replies, moderation rules, figures ------------------------------

export type InboxServiceLevels = Success<`${Inbox}/service-levels`, 'get'>;
export type ServiceLevelsValues = InboxServiceLevels['levels'];
export type SavedReply = Item<Success<`${Inbox}/saved-replies`, 'get'>>;
export type SavedReplyPreview = Success<`${Inbox}/saved-replies/preview`, 'post'>;
export type InboxRule = Item<Success<`${Inbox}/rules`, 'get'>>;
export type RuleCondition = InboxRule['conditions'][number];
export type RuleAction = InboxRule['actions'][number];
export type RuleTrial = Success<`${Inbox}/rules/try`, 'post'>;
export type InboxStats = Success<`${Inbox}/stats`, 'get'>;
