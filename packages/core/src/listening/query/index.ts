// Listening queries ("veille"): the boolean language topics are written in, its compiler, and the index that
// matches each incoming mention against every topic of a workspace. See docs/QUERY.md.
export type {
  AndNode,
  AuthorNode,
  FieldName,
  FieldNode,
  HashtagNode,
  MentionNode,
  NearNode,
  NotNode,
  OrNode,
  QueryNode,
  TextNode,
} from './ast.js';
export { printQuery } from './ast.js';
export type { CompiledQuery } from './compile-query.js';
export { compileQuery } from './compile-query.js';
export type { QueryErrorCode, QueryErrorDetails, QueryLocale } from './errors.js';
export { isQueryError, localiseQueryError, QueryError, renderQueryError } from './errors.js';
export type { Mention, PreparedMention } from './mention.js';
export { prepareMention } from './mention.js';
export { foldWord } from './normalise.js';
export { parseQuery } from './parser.js';
export type { RequiredClause, RequiredTerm } from './required-terms.js';
export { extractRequiredTerms } from './required-terms.js';
export type { TopicDefinition, TopicIndex, TopicIndexStats } from './topic-index.js';
export { createTopicIndex } from './topic-index.js';
