// Errors in a listening query: a stable code and a 1-based column for the query editor, with the message
// and hint in English (on the error) and in French (through `renderQueryError`, the UI being French first).

export type QueryErrorCode =
  | 'empty_query'
  | 'unexpected_token'
  | 'unclosed_quote'
  | 'unclosed_paren'
  | 'empty_group'
  | 'dangling_operator'
  | 'near_needs_number'
  | 'invalid_near_operand'
  | 'unknown_field'
  | 'empty_field_value'
  | 'empty_term'
  | 'wildcard_too_short'
  | 'misplaced_wildcard'
  | 'too_deep'
  | 'unsupported_operator'
  | 'invalid_proximity_group';

/** Syntax of other listening tools that Rostra refuses rather than read another way. */
export type UnsupportedFeature = 'comment' | 'fuzzy' | 'range' | 'boost' | 'tilde';

/** What a message may quote back to the user; each code uses the parts it needs. */
export interface QueryErrorDetails {
  /** The text at fault, as typed. */
  token?: string;
  /** The operator concerned: AND, OR, NOT, -, NEAR/5… */
  operator?: string;
  field?: string;
  /** The quote character that would close an open phrase. */
  closer?: string;
  /** What `unsupported_operator` refuses. */
  feature?: UnsupportedFeature;
}

export type QueryLocale = 'fr' | 'en';

export const MAX_NEAR_DISTANCE = 1000;
export const MAX_QUERY_DEPTH = 64;
export const MIN_WILDCARD_LETTERS = 3;

interface Wording {
  message: (d: QueryErrorDetails) => string;
  hint: (d: QueryErrorDetails) => string;
}

const FIELD_EXAMPLES: Record<string, string> = {
  author: 'author:mairiedelyon',
  site: 'site:lemonde.fr',
  url: 'url:lemonde.fr/politique',
  lang: 'lang:fr',
  source: 'source:bluesky',
  raw: 'raw:"Réseaux"',
};

function exampleFor(field: string | undefined): string {
  return FIELD_EXAMPLES[field ?? ''] ?? 'site:lemonde.fr';
}

function isBinary(operator: string | undefined): boolean {
  return operator === 'AND' || operator === 'OR';
}

function isProximity(operator: string | undefined): boolean {
  return operator !== undefined && /^O?NEAR/.test(operator);
}

/** Field names of Brandwatch, Talkwalker and Meltwater that Rostra has no field for, and what to write instead. */
const FOREIGN_FIELDS: Record<string, { en: string; fr: string }> = {
  title: {
    en: 'Rostra searches words in the title and the text alike: drop "title:".',
    fr: 'Rostra cherche les mots dans le titre comme dans le texte\u00a0: retirez «\u00a0title:\u00a0».',
  },
  country: {
    en: 'Rostra has no location field: use lang:fr or site:.',
    fr: 'Rostra n’a pas de champ de lieu\u00a0: utilisez lang:fr ou site:.',
  },
  sourcetype: {
    en: 'Write source:bluesky, source:rss…',
    fr: 'Écrivez source:bluesky, source:rss…',
  },
  links: {
    en: 'Rostra matches the mention’s own URL only: url:, or the domain as a phrase, "lemonde.fr".',
    fr: 'Rostra ne compare que l’adresse de la mention\u00a0: url:, ou le domaine entre guillemets, "lemonde.fr".',
  },
  domain: { en: 'Write site:lemonde.fr.', fr: 'Écrivez site:lemonde.fr.' },
};
for (const name of ['headline', 'ingress']) FOREIGN_FIELDS[name] = FOREIGN_FIELDS.title as { en: string; fr: string };
for (const name of ['city', 'county', 'state', 'region', 'continent', 'location'])
  FOREIGN_FIELDS[name] = FOREIGN_FIELDS.country as { en: string; fr: string };
for (const name of ['pagetype', 'contentsource', 'network'])
  FOREIGN_FIELDS[name] = FOREIGN_FIELDS.sourcetype as { en: string; fr: string };
for (const name of ['host', 'blogname']) FOREIGN_FIELDS[name] = FOREIGN_FIELDS.domain as { en: string; fr: string };

function foreignFieldHint(field: string | undefined, locale: QueryLocale): string | undefined {
  return FOREIGN_FIELDS[(field ?? '').toLowerCase()]?.[locale];
}

const UNSUPPORTED: Record<QueryLocale, Record<UnsupportedFeature, { message: string; hint: string }>> = {
  en: {
    comment: {
      message: 'Comments <<<…>>> are not supported.',
      hint: 'Remove the comment; name the topic instead, its description says why it exists.',
    },
    fuzzy: {
      message: 'Fuzzy search (word~) is not supported.',
      hint: 'Spell the variants with wildcards: v?lo, munici*, or list them: Kyiv OR Kiev.',
    },
    range: {
      message: 'Ranges [a TO b] are not supported.',
      hint: 'List the values with OR: (2024 OR 2025). For a case-sensitive word, write {BT}.',
    },
    boost: {
      message: 'A boost ^ needs a number and is glued to its term.',
      hint: 'Write apple^2 (Rostra accepts boosts and ignores them), or remove the ^.',
    },
    tilde: {
      message: '~n must follow a phrase or a group, with no space.',
      hint: 'Write "grève SNCF"~3 or (grève SNCF)~3, or grève NEAR/3 SNCF.',
    },
  },
  fr: {
    comment: {
      message: 'Les commentaires <<<…>>> ne sont pas pris en charge.',
      hint: 'Retirez le commentaire\u00a0; le nom et la description de la veille disent à quoi elle sert.',
    },
    fuzzy: {
      message: 'La recherche approchée (mot~) n’est pas prise en charge.',
      hint: 'Écrivez les variantes avec des jokers\u00a0: v?lo, munici*, ou listez-les\u00a0: Kyiv OR Kiev.',
    },
    range: {
      message: 'Les intervalles [a TO b] ne sont pas pris en charge.',
      hint: 'Listez les valeurs avec OR\u00a0: (2024 OR 2025). Pour respecter la casse, écrivez {BT}.',
    },
    boost: {
      message: 'Une pondération ^ doit être suivie d’un nombre et collée à son terme.',
      hint: 'Écrivez apple^2 (Rostra accepte les pondérations et les ignore), ou retirez le ^.',
    },
    tilde: {
      message: '~n doit suivre une expression ou un groupe, sans espace.',
      hint: 'Écrivez "grève SNCF"~3 ou (grève SNCF)~3, ou grève NEAR/3 SNCF.',
    },
  },
};

function isTilde(operator: string | undefined): boolean {
  return operator?.startsWith('~') === true;
}

const WORDING: Record<QueryLocale, Record<QueryErrorCode, Wording>> = {
  en: {
    empty_query: {
      message: () => 'The query is empty.',
      hint: () => 'Type at least one word, e.g. vélo OR trottinette.',
    },
    unexpected_token: {
      message: (d) => `Unexpected "${d.token}".`,
      hint: (d) =>
        d.token === ')'
          ? 'Each ) must close a ( opened before it.'
          : 'A hashtag or a mention holds letters, digits and _ only: quote the rest apart.',
    },
    unclosed_quote: {
      message: () => 'This quote is never closed.',
      hint: (d) => `Close the phrase with ${d.closer ?? '"'}: "mairie de lyon".`,
    },
    unclosed_paren: {
      message: () => 'This parenthesis is never closed.',
      hint: () => 'Add a ) to close the group.',
    },
    empty_group: {
      message: () => 'Empty parentheses.',
      hint: () => 'Put terms inside, e.g. (vélo OR trottinette).',
    },
    dangling_operator: {
      message: (d) => `"${d.operator}" is missing a term.`,
      hint: (d) =>
        isBinary(d.operator)
          ? `Put a term on each side: vélo ${d.operator} trottinette.`
          : isProximity(d.operator)
            ? `${d.operator} links two terms: mairie ${d.operator} lyon.`
            : 'Put the excluded term right after it: -leboncoin or NOT leboncoin.',
    },
    near_needs_number: {
      message: (d) => `${d.operator} needs a number of words.`,
      hint: (d) =>
        isTilde(d.operator)
          ? `Write the greatest number of words between them: "grève SNCF"~3 (0 to ${MAX_NEAR_DISTANCE}).`
          : `${d.operator?.startsWith('O') ? 'ONEAR' : 'NEAR'} needs a number: NEAR/5 (0 to ${MAX_NEAR_DISTANCE}).`,
    },
    invalid_near_operand: {
      message: () => 'NEAR and ONEAR link words, phrases or (… OR …) groups only.',
      hint: () => 'Combine the rest with AND: (mairie NEAR/5 lyon) AND lang:fr.',
    },
    unknown_field: {
      message: (d) => `Unknown field "${d.field}:".`,
      hint: (d) =>
        foreignFieldHint(d.field, 'en') ??
        'Fields: author:, site:, url:, lang:, source:, raw:. To search a word with a colon, quote it.',
    },
    empty_field_value: {
      message: (d) => `"${d.field}:" needs a value.`,
      hint: (d) => `Write the value right after the colon: ${exampleFor(d.field)}.`,
    },
    empty_term: {
      message: (d) => `"${d.token}" contains no word to search.`,
      hint: () => 'Punctuation is not searched: use words, emojis or symbols.',
    },
    wildcard_too_short: {
      message: (d) => `"${d.token}" is too short for a wildcard.`,
      hint: () => `Keep at least ${MIN_WILDCARD_LETTERS} letters besides * and ?: munici*, r?seau.`,
    },
    misplaced_wildcard: {
      message: () => '* can only end a word.',
      hint: () => 'Write the start of the word then *: munici*. Use ? for one letter anywhere: r?seau.',
    },
    too_deep: {
      message: () => 'Too many nested groups.',
      hint: () => `Nest at most ${MAX_QUERY_DEPTH} parentheses or NOTs.`,
    },
    unsupported_operator: {
      message: (d) => UNSUPPORTED.en[d.feature ?? 'tilde'].message,
      hint: (d) => UNSUPPORTED.en[d.feature ?? 'tilde'].hint,
    },
    invalid_proximity_group: {
      message: () => 'A group with ~n holds words, phrases and (… OR …) groups only.',
      hint: () => 'Keep exclusions and fields outside: (grève SNCF)~5 -RATP site:lemonde.fr.',
    },
  },
  fr: {
    empty_query: {
      message: () => 'La requête est vide.',
      hint: () => 'Saisissez au moins un mot, par exemple\u00a0: vélo OR trottinette.',
    },
    unexpected_token: {
      message: (d) => `«\u00a0${d.token}\u00a0» inattendu.`,
      hint: (d) =>
        d.token === ')'
          ? 'Chaque ) doit fermer une ( ouverte avant elle.'
          : 'Un hashtag ou une mention ne contient que des lettres, des chiffres et _\u00a0: séparez le reste.',
    },
    unclosed_quote: {
      message: () => 'Ces guillemets ne sont jamais fermés.',
      hint: (d) => `Fermez l’expression par ${d.closer ?? '"'}\u00a0: "mairie de lyon".`,
    },
    unclosed_paren: {
      message: () => 'Cette parenthèse n’est jamais fermée.',
      hint: () => 'Ajoutez une ) pour fermer le groupe.',
    },
    empty_group: {
      message: () => 'Parenthèses vides.',
      hint: () => 'Mettez des termes entre les parenthèses, par exemple\u00a0: (vélo OR trottinette).',
    },
    dangling_operator: {
      message: (d) => `Il manque un terme à «\u00a0${d.operator}\u00a0».`,
      hint: (d) =>
        isBinary(d.operator)
          ? `Mettez un terme de chaque côté\u00a0: vélo ${d.operator} trottinette.`
          : isProximity(d.operator)
            ? `${d.operator} relie deux termes\u00a0: mairie ${d.operator} lyon.`
            : 'Collez le terme à exclure juste après\u00a0: -leboncoin ou NOT leboncoin.',
    },
    near_needs_number: {
      message: (d) => `${d.operator} doit être suivi d’un nombre de mots.`,
      hint: (d) =>
        isTilde(d.operator)
          ? `Indiquez le nombre de mots au plus entre eux\u00a0: "grève SNCF"~3 (de 0 à ${MAX_NEAR_DISTANCE}).`
          : `Indiquez une distance\u00a0: ${d.operator?.startsWith('O') ? 'ONEAR' : 'NEAR'}/5 (de 0 à ${MAX_NEAR_DISTANCE}).`,
    },
    invalid_near_operand: {
      message: () => 'NEAR et ONEAR ne relient que des mots, des expressions ou des groupes (… OR …).',
      hint: () => 'Combinez le reste avec AND\u00a0: (mairie NEAR/5 lyon) AND lang:fr.',
    },
    unknown_field: {
      message: (d) => `Champ «\u00a0${d.field}:\u00a0» inconnu.`,
      hint: (d) =>
        foreignFieldHint(d.field, 'fr') ??
        'Champs\u00a0: author:, site:, url:, lang:, source:, raw:. Pour chercher un mot contenant deux-points, mettez-le entre guillemets.',
    },
    empty_field_value: {
      message: (d) => `«\u00a0${d.field}:\u00a0» attend une valeur.`,
      hint: (d) => `Écrivez la valeur juste après les deux-points\u00a0: ${exampleFor(d.field)}.`,
    },
    empty_term: {
      message: (d) => `«\u00a0${d.token}\u00a0» ne contient aucun mot à chercher.`,
      hint: () => 'La ponctuation n’est pas recherchée\u00a0: utilisez des mots, des émojis ou des symboles.',
    },
    wildcard_too_short: {
      message: (d) => `«\u00a0${d.token}\u00a0» est trop court pour un joker.`,
      hint: () => `Gardez au moins ${MIN_WILDCARD_LETTERS} lettres en plus de * et ?\u00a0: munici*, r?seau.`,
    },
    misplaced_wildcard: {
      message: () => 'Le joker * ne peut que terminer un mot.',
      hint: () =>
        'Écrivez le début du mot puis *\u00a0: munici*. Utilisez ? pour une lettre n’importe où\u00a0: r?seau.',
    },
    too_deep: {
      message: () => 'Trop de groupes imbriqués.',
      hint: () => `Imbriquez au plus ${MAX_QUERY_DEPTH} parenthèses ou NOT.`,
    },
    unsupported_operator: {
      message: (d) => UNSUPPORTED.fr[d.feature ?? 'tilde'].message,
      hint: (d) => UNSUPPORTED.fr[d.feature ?? 'tilde'].hint,
    },
    invalid_proximity_group: {
      message: () => 'Un groupe suivi de ~n ne contient que des mots, des expressions et des groupes (… OR …).',
      hint: () => 'Laissez exclusions et champs à l’extérieur\u00a0: (grève SNCF)~5 -RATP site:lemonde.fr.',
    },
  },
};

export class QueryError extends Error {
  readonly code: QueryErrorCode;
  /** 1-based, in UTF-16 code units like JavaScript string indices, so an editor can select it as is. */
  readonly column: number;
  /** How many code units to underline from `column` (0 at the end of the query). */
  readonly length: number;
  readonly hint: string;
  readonly details: QueryErrorDetails;
  /** Set when the query belongs to a topic given to `createTopicIndex`. */
  readonly topicId: string | undefined;

  constructor(code: QueryErrorCode, column: number, length: number, details: QueryErrorDetails = {}, topicId?: string) {
    const wording = WORDING.en[code];
    super(wording.message(details));
    this.name = 'QueryError';
    this.code = code;
    this.column = column;
    this.length = length;
    this.hint = wording.hint(details);
    this.details = details;
    this.topicId = topicId;
  }
}

export function isQueryError(error: unknown): error is QueryError {
  return error instanceof QueryError;
}

/** The message and hint of an error in one language, for a UI that shows them apart. */
export function localiseQueryError(error: QueryError, locale: QueryLocale): { message: string; hint: string } {
  const wording = WORDING[locale][error.code];
  return { message: wording.message(error.details), hint: wording.hint(error.details) };
}

/** One line for the user: where, what, and how to fix it. */
export function renderQueryError(error: QueryError, locale: QueryLocale): string {
  const { message, hint } = localiseQueryError(error, locale);
  return locale === 'fr'
    ? `Colonne ${error.column}\u00a0: ${message} ${hint}`
    : `Column ${error.column}: ${message} ${hint}`;
}
