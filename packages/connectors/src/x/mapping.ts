// A Rostra post as the JSON body of POST /2/tweets, a created post as the PublishedRef Rostra keeps, and a
// medium's kind as X's upload category. https://docs.x.com/x-api/posts/create-post
import type { PublishRequest, PublishedRef } from '../connector.js';
import type { CreateTweetBody, XTweet } from './api.js';
import { readOptions, type MediaKind } from './rules.js';

/** `mediaIds`: the uploaded media, in the order of `request.media`. */
export function buildTweetBody(request: PublishRequest, mediaIds: string[]): CreateTweetBody {
  const { options } = readOptions(request.options);
  const body: CreateTweetBody = {};
  // `text` may be left out when media is attached, not sent empty.
  if (request.text.trim() !== '') body.text = request.text;
  if (mediaIds.length > 0) body.media = { media_ids: mediaIds };
  if (request.replyTo) body.reply = { in_reply_to_tweet_id: request.replyTo.id };
  if (options.replySettings) body.reply_settings = options.replySettings;
  // No language field: X detects the language itself.
  return body;
}

/**
 * Where people open the post. `x.com/<username>/status/<id>`; `x.com/i/web/status/<id>` redirects to it when
 * the username is not known (X resolves it).
 */
export function toPublishedRef(tweet: XTweet, username: string): PublishedRef {
  const url =
    username === ''
      ? `https://x.com/i/web/status/${tweet.id}`
      : `https://x.com/${encodeURIComponent(username)}/status/${tweet.id}`;
  return { id: tweet.id, url };
}

/** https://docs.x.com/x-api/media/initialize-media-upload (media_category) */
export const MEDIA_CATEGORIES: Record<MediaKind, string> = {
  image: 'tweet_image',
  gif: 'tweet_gif',
  video: 'tweet_video',
};
