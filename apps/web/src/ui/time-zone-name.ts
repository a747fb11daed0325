// A workspace's time zone as people say it: "Heure de Paris", "heure d'Amsterdam", "Paris time" — the city of its
// IANA name (Europe/Paris → Paris), with French elision before a vowel; zones without a city (UTC) as they are.
import type { TFunction } from 'i18next';

/** The city part of an IANA zone ("America/New_York" → "New York"), or the zone itself when it has none. */
export function zoneCity(timeZone: string): string {
  const city = timeZone.includes('/') ? timeZone.slice(timeZone.lastIndexOf('/') + 1) : timeZone;
  return city.replace(/_/g, ' ');
}

/** i18next context: `elided` before a vowel or mute h (« d'Amsterdam »), else none (« de Paris »). */
export function zoneContext(timeZone: string): { zone: string; context?: 'elided' } {
  const zone = zoneCity(timeZone);
  return /^[aeiouyhàâéèêîôûAEIOUYHÀÂÉÈÊÎÔÛ]/.test(zone) ? { zone, context: 'elided' } : { zone };
}

/** "Heure de Paris" (calendar.timezone) for a zone. */
export function timeZoneLabel(timeZone: string, t: TFunction): string {
  return t('calendar.timezone', zoneContext(timeZone));
}
