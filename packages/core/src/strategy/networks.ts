// The knowledge base of social networks the recommendation reads, shipped as data: who is there, what formats
// work, how well each network fits professionals (BtoB) and the public (BtoC), what objectives it serves, how much
// time it asks, and a French usage figure only where a public source gives one (name, address, date) — otherwise
// null, shown as "figure to be sourced". Fits and costs are editorial judgements written from the seeds (001–004)
// and each network's own description; they are explained next to every recommendation.
import type { ObjectiveKind } from './types.js';

export const NETWORK_FORMATS = [
  'text',
  'image',
  'short_video',
  'long_video',
  'article',
  'story',
  'live',
  'link',
] as const;
export type NetworkFormat = (typeof NETWORK_FORMATS)[number];

/** 0: not its strength, 1: possible, 2: strong. */
export type Fit = 0 | 1 | 2;

export interface UsageFigure {
  /** The figure as the source states it, in French and English. */
  figure: { fr: string; en: string };
  source: { name: string; url: string; date: string };
}

export interface NetworkProfile {
  /** The network id Rostra's channels use where it publishes there ("facebook", "linkedin"…). */
  id: string;
  name: string;
  audience: { fr: string; en: string };
  formats: NetworkFormat[];
  fit: { btob: Fit; btoc: Fit };
  serves: Record<ObjectiveKind, Fit>;
  /** Time a team spends to keep a living presence there. */
  timeCost: 'low' | 'medium' | 'high';
  /** Rostra publishes there today (a connector exists). */
  publishable: boolean;
  usage: UsageFigure | null;
}

const serves = (fits: Partial<Record<ObjectiveKind, Fit>>): Record<ObjectiveKind, Fit> => ({
  notoriety: 0,
  engagement: 0,
  traffic: 0,
  leads: 0,
  recruitment: 0,
  citizen_information: 0,
  e_reputation: 0,
  service: 0,
  ...fits,
});

export const NETWORK_KNOWLEDGE: readonly NetworkProfile[] = [
  {
    id: 'facebook',
    name: 'Facebook',
    audience: {
      fr: 'Le plus large public en France, surtout adulte ; groupes locaux et pages de collectivités très suivis.',
      en: 'The widest audience in France, mostly adults; local groups and public bodies’ pages widely followed.',
    },
    formats: ['text', 'image', 'short_video', 'link', 'live', 'story'],
    fit: { btob: 1, btoc: 2 },
    serves: serves({
      notoriety: 2,
      engagement: 2,
      traffic: 1,
      leads: 1,
      recruitment: 1,
      citizen_information: 2,
      e_reputation: 2,
      service: 2,
    }),
    timeCost: 'medium',
    publishable: true,
    usage: {
      figure: {
        fr: '49 millions de visiteurs par mois (12 ans et plus)',
        en: '49 million visitors a month (aged 12 and over)',
      },
      source: {
        name: 'Arcom, Observatoire des plateformes en ligne (rapporté par Archimag)',
        url: 'https://archimag.com/node/138650',
        date: '2024',
      },
    },
  },
  {
    id: 'instagram',
    name: 'Instagram',
    audience: {
      fr: 'Public plus jeune, sensible à l’image : culture, tourisme, vie locale, marques grand public.',
      en: 'A younger public drawn by pictures: culture, tourism, local life, consumer brands.',
    },
    formats: ['image', 'short_video', 'story', 'live'],
    fit: { btob: 0, btoc: 2 },
    serves: serves({ notoriety: 2, engagement: 2, recruitment: 1, citizen_information: 1, e_reputation: 1 }),
    timeCost: 'high',
    publishable: true,
    usage: {
      figure: {
        fr: 'Plus de 40 millions d’internautes chaque mois',
        en: 'More than 40 million internet users a month',
      },
      source: {
        name: 'Arcom, Observatoire de l’audience des réseaux sociaux (rapporté par DomTomNews)',
        url: 'https://www.domtomnews.com/observatoire-de-laudience-des-reseaux-sociaux-de-novembre-2024-par-larcom/',
        date: '2024-11',
      },
    },
  },
  {
    id: 'linkedin',
    name: 'LinkedIn',
    audience: {
      fr: 'Professionnels, décideurs, candidats : partenaires, entreprises du territoire, recrutement.',
      en: 'Professionals, decision makers, candidates: partners, local businesses, recruitment.',
    },
    formats: ['text', 'image', 'article', 'short_video', 'link'],
    fit: { btob: 2, btoc: 0 },
    serves: serves({ notoriety: 1, engagement: 1, traffic: 1, leads: 2, recruitment: 2, e_reputation: 1 }),
    timeCost: 'medium',
    publishable: true,
    usage: {
      figure: { fr: '11,4 millions d’utilisateurs actifs par mois', en: '11.4 million monthly active users' },
      source: {
        name: 'LinkedIn, rapport de transparence DSA (rapporté par Xavier Degraux)',
        url: 'https://xavierdegraux.be/linkedin-decouvrez-enfin-les-vrais-chiffres-cles-de-la-belgique-france-luxembourg',
        date: '2024',
      },
    },
  },
  {
    id: 'x',
    name: 'X (Twitter)',
    audience: {
      fr: 'Journalistes, élus, institutions, veille : actualité chaude et information de crise.',
      en: 'Journalists, elected officials, institutions, watchers: breaking news and crisis information.',
    },
    formats: ['text', 'image', 'short_video', 'link', 'live'],
    fit: { btob: 1, btoc: 1 },
    serves: serves({ notoriety: 1, engagement: 1, traffic: 1, citizen_information: 2, e_reputation: 2, service: 1 }),
    timeCost: 'high',
    publishable: true,
    usage: {
      figure: { fr: '4,5 millions d’utilisateurs par jour (2019)', en: '4.5 million users a day (2019)' },
      source: {
        name: 'Médiamétrie, L’année Internet 2019 (rapporté par Clubic)',
        url: 'https://www.clubic.com/pro/blog-forum-reseaux-sociaux/actualite-886517-facebook-reseau-social-francais-snapchat.html',
        date: '2020-02',
      },
    },
  },
  {
    id: 'youtube',
    name: 'YouTube',
    audience: {
      fr: 'Tous âges ; on y cherche des tutoriels, des explications, des événements filmés.',
      en: 'All ages; people look for tutorials, explanations, filmed events.',
    },
    formats: ['long_video', 'short_video', 'live'],
    fit: { btob: 1, btoc: 2 },
    serves: serves({ notoriety: 2, engagement: 1, traffic: 1, recruitment: 1, citizen_information: 2, service: 1 }),
    timeCost: 'high',
    publishable: false,
    usage: {
      figure: { fr: 'Plus de 40 millions de visiteurs par mois', en: 'More than 40 million visitors a month' },
      source: {
        name: 'Arcom, Observatoire des plateformes en ligne (rapporté par Archimag)',
        url: 'https://archimag.com/node/138650',
        date: '2024',
      },
    },
  },
  {
    id: 'snapchat',
    name: 'Snapchat',
    audience: {
      fr: 'Adolescents et jeunes adultes, messages éphémères entre proches.',
      en: 'Teenagers and young adults, short-lived messages between friends.',
    },
    formats: ['image', 'short_video', 'story'],
    fit: { btob: 0, btoc: 1 },
    serves: serves({ notoriety: 1, engagement: 1, recruitment: 1 }),
    timeCost: 'high',
    publishable: false,
    usage: {
      figure: {
        fr: '25 millions d’utilisateurs par mois (janvier 2022)',
        en: '25 million users a month (January 2022)',
      },
      source: {
        name: 'Médiamétrie (rapporté par KultureGeek)',
        url: 'https://kulturegeek.fr/news-256113/snapchat-lapplication-preferee-15-49-ans-france',
        date: '2022-01',
      },
    },
  },
  {
    id: 'tiktok',
    name: 'TikTok',
    audience: {
      fr: 'Jeunes publics surtout, vidéo verticale courte, forte viralité.',
      en: 'Mostly young audiences, short vertical video, strong virality.',
    },
    formats: ['short_video', 'live'],
    fit: { btob: 0, btoc: 2 },
    serves: serves({ notoriety: 2, engagement: 2, recruitment: 1 }),
    timeCost: 'high',
    publishable: false,
    usage: null,
  },
  {
    id: 'mastodon',
    name: 'Mastodon',
    audience: {
      fr: 'Communautés engagées (numérique, recherche, militants, services publics), sans algorithme publicitaire.',
      en: 'Committed communities (tech, research, activists, public services), no advertising algorithm.',
    },
    formats: ['text', 'image', 'short_video', 'link'],
    fit: { btob: 1, btoc: 1 },
    serves: serves({ engagement: 1, traffic: 1, citizen_information: 1, service: 1 }),
    timeCost: 'low',
    publishable: true,
    usage: null,
  },
  {
    id: 'bluesky',
    name: 'Bluesky',
    audience: {
      fr: 'Journalistes, chercheurs, institutions et publics partis de X ; conversation publique.',
      en: 'Journalists, researchers, institutions and people who left X; public conversation.',
    },
    formats: ['text', 'image', 'short_video', 'link'],
    fit: { btob: 1, btoc: 1 },
    serves: serves({ notoriety: 1, engagement: 1, traffic: 1, citizen_information: 1, e_reputation: 1 }),
    timeCost: 'low',
    publishable: true,
    usage: null,
  },
  {
    id: 'wordpress',
    name: 'Site / blog (WordPress)',
    audience: {
      fr: 'Vos propres lecteurs : le seul espace que vous maîtrisez, vers lequel les réseaux renvoient (seed 002).',
      en: 'Your own readers: the one place you control, where the networks send people (seed 002).',
    },
    formats: ['article', 'image', 'link'],
    fit: { btob: 2, btoc: 2 },
    serves: serves({ traffic: 2, leads: 2, recruitment: 1, citizen_information: 2, service: 1 }),
    timeCost: 'medium',
    publishable: true,
    usage: null,
  },
];

export function networkProfile(id: string): NetworkProfile | undefined {
  return NETWORK_KNOWLEDGE.find((n) => n.id === id);
}
