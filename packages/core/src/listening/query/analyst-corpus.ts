// Queries as French analysts paste them from Brandwatch, Talkwalker and Meltwater, with texts each must find
// and texts it must not: the corpus behind analyst-corpus.test.ts. Written from the tools' public operator
// documentation; every operator Rostra reads, and every query a user pasted that Rostra once misread.
import type { QueryErrorCode } from './errors.js';
import type { Mention } from './mention.js';

export interface MatchCase {
  query: string;
  /** Texts (or whole mentions) the query must find. */
  match: Array<string | Mention>;
  /** Texts it must not find. */
  miss: Array<string | Mention>;
}

export interface RefusalCase {
  query: string;
  /** A query Rostra cannot read faithfully is refused, at this 1-based column, never read another way. */
  error: QueryErrorCode;
  column: number;
}

export const MATCH_CASES: MatchCase[] = [
  // Proximity on a phrase (Lucene, Talkwalker, Brandwatch): the words within n words of each other.
  {
    query: '"grève SNCF"~3',
    match: ['Grève à la SNCF ce matin', 'la SNCF annonce une grève', 'grève SNCF'],
    miss: ['grève des enseignants, trains de la SNCF à l’heure', 'grève 3', 'la grève continue'],
  },
  {
    query: '"mairie travaux"~5',
    match: ['La mairie annonce des travaux', 'travaux rue du Port : la mairie prévient'],
    miss: ['La mairie a fermé la piscine municipale pour un long moment, puis les travaux ont commencé'],
  },
  {
    query: '"maire Lyon budget"~4',
    match: ['Le maire de Lyon présente son budget', 'budget : le maire de Lyon'],
    miss: ['Le maire de Lyon', 'le budget de Lyon', 'maire budget'],
  },
  {
    query: '"pistes cyclables"~0',
    match: ['de nouvelles pistes cyclables', 'PISTES CYCLABLES'],
    miss: ['pistes vraiment cyclables'],
  },
  {
    query: '"réforme retraites"~2 AND lang:fr',
    match: [{ text: 'la réforme des retraites', lang: 'fr' }],
    miss: [{ text: 'la réforme des retraites', lang: 'en' }],
  },
  {
    query: '"vélo"~3',
    match: ['un vélo'],
    miss: ['une voiture'],
  },
  {
    query: '"grève SNCF"~3 OR "grève RATP"~3',
    match: ['grève demain à la RATP', 'La SNCF en grève'],
    miss: ['grève des enseignants'],
  },
  {
    query: '"grève SNCF"~3 -"préavis levé"',
    match: ['grève à la SNCF'],
    miss: ['grève à la SNCF : préavis levé'],
  },
  {
    query: '"fermeture école"~4',
    match: ["fermeture de l'école Jean Jaurès", 'l’école : fermeture annoncée'],
    miss: ['fermeture de la piscine et de la bibliothèque près de l’école'],
  },
  // Proximity on a group (Brandwatch, Talkwalker): the operands within n words of each other.
  {
    query: '((grève OR manifestation) AND (SNCF OR RATP))~5',
    match: ['Manifestation des agents de la RATP', 'la SNCF face à la grève'],
    miss: ['grève des enseignants et des agents hospitaliers ; à la SNCF tout va bien', 'SNCF 5'],
  },
  {
    query: '(maire Lyon)~5',
    match: ['Le maire de Lyon', 'Lyon : le maire répond'],
    miss: ['Le maire a parlé longuement hier soir devant le conseil puis à Lyon', 'maire 5'],
  },
  {
    query: '(vélo AND "piste cyclable")~3',
    match: ['la piste cyclable pour le vélo', 'vélo sur la piste cyclable'],
    miss: ['vélo', 'piste cyclable'],
  },
  {
    query: '((cantine OR restauration) (bio OR local))~2',
    match: ['cantine bio', 'des produits locaux ? non, local et bio à la cantine'],
    miss: ['cantine scolaire de la ville très bio'],
  },
  {
    query: '(inondation* AND (quartier OR rue))~4 AND lang:fr',
    match: [{ text: 'inondations dans le quartier', lang: 'fr' }],
    miss: [{ text: 'inondations dans le quartier', lang: 'de' }, 'inondations : 4 rues'],
  },
  // Boosts (Lucene, Talkwalker): accepted and ignored for matching.
  { query: 'apple^9', match: ['Apple lance un produit'], miss: ['pomme'] },
  { query: '"mairie de Lyon"^2 OR Lyon', match: ['Lyon'], miss: ['Marseille 2'] },
  { query: '(vélo OR trottinette)^3', match: ['trottinette'], miss: ['voiture 3'] },
  { query: 'vélo^0.5 piste', match: ['vélo sur la piste'], miss: ['vélo 0 5', 'piste'] },
  { query: '"grève SNCF"~3^2', match: ['SNCF en grève'], miss: ['grève 2'] },
  // Case-sensitive braces (Brandwatch).
  { query: '{BT}', match: ['Panne chez BT', 'BT: incident'], miss: ['bt', 'Bt', 'but'] },
  { query: '{EDF} AND tarif*', match: ['EDF augmente ses tarifs'], miss: ['edf augmente ses tarifs'] },
  { query: '{RATP} OR {SNCF}', match: ['la RATP', 'la SNCF'], miss: ['la ratp', 'sncf'] },
  { query: '{Orange} -fruit', match: ['Orange annonce une panne'], miss: ['une orange pressée', 'Orange fruit'] },
  { query: '{La Poste}', match: ['La Poste ferme'], miss: ['la poste ferme', 'LA POSTE'] },
  { query: 'mairie NEAR/3 {CAF}', match: ['la mairie et la CAF'], miss: ['la mairie et la caf'] },
  // Field groups (Brandwatch: url:(a OR b)) for every field.
  {
    query: 'url:(lemonde.fr OR liberation.fr)',
    match: [
      { text: 'x', url: 'https://www.lemonde.fr/a' },
      { text: 'x', url: 'https://liberation.fr/b' },
    ],
    miss: [{ text: 'x', url: 'https://lefigaro.fr/c' }],
  },
  {
    query: 'économie AND url:(lemonde.fr/economie OR lesechos.fr)',
    match: [{ text: 'économie', url: 'https://www.lemonde.fr/economie/x' }],
    miss: [{ text: 'économie', url: 'https://www.lemonde.fr/sport/x' }],
  },
  {
    query: 'site:(lemonde.fr OR leprogres.fr) mairie',
    match: [{ text: 'la mairie', url: 'https://www.leprogres.fr/a' }],
    miss: [{ text: 'la mairie', url: 'https://www.lefigaro.fr/a' }],
  },
  {
    query: 'vélo -site:(leboncoin.fr OR vinted.fr)',
    match: [{ text: 'vélo', url: 'https://blog.fr/a' }],
    miss: [
      { text: 'vélo', url: 'https://www.leboncoin.fr/a' },
      { text: 'vélo', url: 'https://vinted.fr/a' },
    ],
  },
  {
    query: 'author:(lemonde OR "Le Progrès")',
    match: [
      { text: 'x', author: 'lemonde.bsky.social' },
      { text: 'x', author: 'Le Progrès' },
    ],
    miss: [{ text: 'x', author: 'Libération' }],
  },
  {
    query: 'lang:(fr OR en) AND vélo',
    match: [
      { text: 'vélo', lang: 'fr-CA' },
      { text: 'vélo', lang: 'en' },
    ],
    miss: [{ text: 'vélo', lang: 'de' }],
  },
  {
    query: 'source:(bluesky OR mastodon) mairie',
    match: [{ text: 'mairie', source: 'bluesky' }],
    miss: [{ text: 'mairie', source: 'rss' }],
  },
  {
    query: 'raw:(EDF OR Engie)',
    match: ['EDF', 'Engie'],
    miss: ['edf', 'ENGIE'],
  },
  {
    query: 'language:fr AND mairie',
    match: [{ text: 'mairie', lang: 'fr' }],
    miss: [{ text: 'mairie', lang: 'en' }],
  },
  {
    query: 'auteur:(mairie -lyon)',
    match: [{ text: 'x', author: 'Mairie de Paris' }],
    miss: [{ text: 'x', author: 'Mairie de Lyon' }],
  },
  // Hyphen and number joins.
  {
    query: 'covid-19',
    match: ['le covid-19', 'covid19', 'le covid 19', 'COVID19', 'COVID-19'],
    miss: ['covid', '19 cas'],
  },
  { query: 'covid19', match: ['COVID-19', 'covid 19', 'Covid19'], miss: ['covid', 'covid 20'] },
  { query: 'e-mail', match: ['un e-mail', 'un email', 'un e mail'], miss: ['mail'] },
  {
    query: 'saint-etienne',
    match: ['Saint-Étienne', 'Saint Étienne', '#SaintEtienne'],
    miss: ['Étienne, saint patron'],
  },
  { query: '"vaccin covid-19"', match: ['vaccin covid19', 'vaccin COVID-19'], miss: ['vaccin', 'covid-19 vaccin'] },
  { query: 'G7', match: ['sommet du G7', 'le G 7', 'G-7'], miss: ['G8'] },
  { query: 'Paris2024', match: ['#Paris2024', 'Paris 2024', 'Paris-2024'], miss: ['Paris 2025'] },
  { query: 'ligne-12 métro', match: ['la ligne 12 du métro'], miss: ['la ligne 13 du métro'] },
  { query: 'A380', match: ['l’A380', 'A 380'], miss: ['A350'] },
  {
    query: 'covid-19 NEAR/3 vaccin*',
    match: ['covid19 : les vaccins', 'vaccination contre la COVID-19'],
    miss: ['covid : les vaccins'],
  },
  // Emoji and symbols as terms.
  { query: '🚲', match: ['Au travail à 🚲 !', 'vélo🚲électrique'], miss: ['vélo électrique', '🚗'] },
  { query: '🚲 AND lyon', match: ['Lyon 🚲'], miss: ['Lyon', '🚲 Paris'] },
  { query: '❤️ AND mairie', match: ['merci la mairie ❤', 'mairie ❤️'], miss: ['mairie'] },
  { query: '👍', match: ['super 👍🏻', '👍'], miss: ['👎'] },
  { query: '🇫🇷', match: ['Allez 🇫🇷'], miss: ['Allez 🇧🇪'] },
  { query: '"vive le 🚲"', match: ['Vive le 🚲 !'], miss: ['vive le vélo 🚲', '🚲 vive le'] },
  { query: '€ AND prix', match: ['prix : 3 €'], miss: ['prix : 3 $'] },
  { query: '🚲 OR vélo', match: ['🚲', 'vélo'], miss: ['voiture'] },
  { query: '🔥 NEAR/2 mairie', match: ['🔥 la mairie'], miss: ['🔥 hier soir devant toute la mairie'] },
  { query: '-🚗 vélo', match: ['vélo 🚲'], miss: ['vélo 🚗'] },
  // Apostrophes, in the query and in the text.
  {
    query: '"vive l\'école"',
    match: ['Vive l´école', 'Vive l’école', 'vive l`école', 'vive lʼécole', 'vive l′école', 'vive l‘école'],
    miss: ['vive le collège'],
  },
  { query: "aujourd'hui", match: ['aujourd´hui', 'aujourd`hui', 'aujourd′hui'], miss: ['hui', "aujourd'"] },
  { query: 'l´école', match: ["l'école", 'école'], miss: ['écoles'] },
  { query: '"l’hôpital public"', match: ["l'hôpital public", 'l´hôpital public'], miss: ['hôpital privé'] },
  { query: "qu'il", match: ['qu´il', 'il'], miss: ['ils'] },
  { query: 'raw:"l\'École"', match: ['l´École', 'l’École'], miss: ["l'école"] },
  // Ligatures, with wildcards and without.
  { query: 'c?ur', match: ['cœur', 'Cœur de ville', 'CŒUR'], miss: ['coeur', 'chœurs'] },
  { query: 's?ur', match: ['ma sœur', 'Sœur Emmanuelle'], miss: ['soeur', 'sur'] },
  { query: 'c??ur', match: ['coeur', 'cœur', 'chœur'], miss: ['cœurs'] },
  { query: 'cœur', match: ['coeur', 'Cœur'], miss: ['cour'] },
  { query: 'coeur', match: ['CŒUR', 'cœur'], miss: ['cœurs'] },
  { query: 'œuvre*', match: ['oeuvres', 'Œuvre'], miss: ['ouvre'] },
  { query: 'ex-æquo', match: ['ex aequo', 'ex-æquo', 'exaequo'], miss: ['aequo seul'] },
  { query: 'n?ud', match: ['nœud', 'le Nœud'], miss: ['noeud', 'nœuds'] },
  { query: '"vœux du maire"', match: ['les voeux du maire', 'Vœux du Maire'], miss: ['vœux'] },
  { query: 'ch?ur*', match: ['chœurs', 'chœur'], miss: ['choeurs'] },
  // Case and accents, elisions, as before.
  { query: 'reseaux', match: ['Réseaux sociaux'], miss: ['réseau'] },
  { query: 'ÉCOLE', match: ['école', 'Ecole'], miss: ['écoles'] },
  { query: 'ecole', match: ["L'ÉCOLE", 'd’école'], miss: ['collège'] },
  // NEAR and ONEAR, and the Brandwatch forward form NEAR/nf.
  { query: 'maire NEAR/3 Lyon', match: ['Lyon, le maire', 'le maire de Lyon'], miss: ['maire a dit hier que Lyon'] },
  { query: 'maire ONEAR/3 Lyon', match: ['le maire de Lyon'], miss: ['Lyon : le maire'] },
  {
    query: 'logitech NEAR/2f clavier',
    match: ['Logitech sans fil clavier', 'logitech clavier'],
    miss: ['clavier Logitech'],
  },
  { query: '(tram OR bus) NEAR/2F retard*', match: ['bus en retard'], miss: ['retard du bus'] },
  { query: 'grève NEAR/0 SNCF', match: ['SNCF grève'], miss: ['SNCF en grève'] },
  // Words, phrases, groups, exclusions.
  { query: '"Mairie de Lyon" OR @mairiedelyon', match: ['merci @MairieDeLyon', 'la mairie de Lyon'], miss: ['Lyon'] },
  { query: 'vélo -électrique', match: ['vélo'], miss: ['vélo électrique'] },
  { query: 'vélo NOT (électrique OR VAE)', match: ['vélo cargo'], miss: ['vélo VAE'] },
  { query: '#JO2024 OR "jeux olympiques"', match: ['#jo2024', 'Jeux Olympiques'], miss: ['jeux'] },
  { query: 'munici*', match: ['municipales'], miss: ['commune'] },
  { query: 'r?seau', match: ['réseau'], miss: ['réseaux'] },
  { query: '+vélo +lyon', match: ['vélo à Lyon'], miss: ['vélo'] },
  { query: 'vélo && lyon', match: ['vélo à Lyon'], miss: ['vélo'] },
  { query: 'vélo || trottinette', match: ['trottinette'], miss: ['voiture'] },
  { query: 'bus AND NOT tram', match: ['bus'], miss: ['bus et tram'] },
  // Talkwalker's raw data search: +"…" as written, ++"…" with its case too.
  { query: '++"ABC" OR ++SNCF', match: ['ABC news', 'la SNCF'], miss: ['abc', 'Sncf'] },
  { query: '+"@mairie" lyon', match: ['@mairie Lyon'], miss: ['Lyon'] },
];

export const REFUSAL_CASES: RefusalCase[] = [
  { query: 'mairie <<<commentaire>>>', error: 'unsupported_operator', column: 8 },
  { query: '<<<veille Lyon>>> mairie', error: 'unsupported_operator', column: 1 },
  { query: 'apple~2', error: 'unsupported_operator', column: 6 },
  { query: 'vélo~', error: 'unsupported_operator', column: 5 },
  { query: 'date:[2020 TO 2024]', error: 'unknown_field', column: 1 },
  { query: 'vélo [a TO b]', error: 'unsupported_operator', column: 6 },
  { query: '{A TO C}', error: 'unsupported_operator', column: 1 },
  { query: 'grève NEAR/3x SNCF', error: 'near_needs_number', column: 7 },
  { query: 'grève NEAR SNCF', error: 'near_needs_number', column: 7 },
  { query: '"grève SNCF"~', error: 'near_needs_number', column: 13 },
  { query: '"grève SNCF"~x', error: 'near_needs_number', column: 13 },
  { query: '(grève OR SNCF)~', error: 'near_needs_number', column: 16 },
  { query: '(grève -SNCF)~3', error: 'invalid_proximity_group', column: 8 },
  { query: '(grève site:sncf.fr)~3', error: 'invalid_proximity_group', column: 8 },
  { query: 'title:grève', error: 'unknown_field', column: 1 },
  { query: 'country:fr mairie', error: 'unknown_field', column: 1 },
  { query: 'sourcetype:news', error: 'unknown_field', column: 1 },
  { query: 'url:(lemonde.fr site:x.fr)', error: 'unexpected_token', column: 17 },
  { query: 'url:()', error: 'empty_group', column: 5 },
  { query: 'url:(lemonde.fr', error: 'unclosed_paren', column: 5 },
  { query: '{BT', error: 'unclosed_quote', column: 1 },
  { query: '{}', error: 'empty_term', column: 1 },
  { query: 'vélo^', error: 'unsupported_operator', column: 5 },
  { query: 'mairie ~3', error: 'unsupported_operator', column: 8 },
  { query: 'url:("a b"~3)', error: 'invalid_proximity_group', column: 11 },
  { query: 'site:(lemonde.fr lequipe.fr)~3', error: 'invalid_proximity_group', column: 7 },
  { query: '#lyon~2', error: 'unexpected_token', column: 7 },
];
