// Words too common to be a trend, in the folded form (lower case, no accents, elisions dropped) that
// listFoldedWords produces. French and English function words, from the Snowball stop lists
// (https://snowballstem.org/algorithms/french/stop.txt, https://snowballstem.org/algorithms/english/stop.txt),
// plus the web and social-media filler that would otherwise top every list.
const FRENCH =
  'au aux avec ce ces dans de des du elle en et eux il ils je la le les leur lui ma mais me meme mes moi mon ne nos ' +
  'notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre vous c d j l a m ' +
  'n s t y ete etee etees etes etant suis es est sommes sont serai seras sera serons serez seront serais serait ' +
  'serions seriez seraient etais etait etions etiez etaient fus fut fumes futes furent sois soit soyons soyez soient ' +
  'fusse fusses fussions fussiez fussent ayant eu eue eues eus ai as avons avez ont aurai auras aura aurons aurez ' +
  'auront aurais aurait aurions auriez auraient avais avait avions aviez avaient eut eumes eutes eurent aie aies ait ' +
  'ayons ayez aient eusse eusses eut eussions eussiez eussent ceci cela celle celles celui ceux cet cette comme ' +
  'donc alors aussi bien encore fait faire plus moins tres tout tous toute toutes rien ici quand comment pourquoi ' +
  'sans sous chez entre depuis apres avant deja dont leurs quoi si non oui peu trop car ni ca va vais vont faut ' +
  'peut etre autre autres meme memes ceux aujourd hui jusqu lorsqu puisqu quoiqu';
const ENGLISH =
  'i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers herself ' +
  'it its itself they them their theirs themselves what which who whom this that these those am is are was were be ' +
  'been being have has had having do does did doing a an the and but if or because as until while of at by for with ' +
  'about against between into through during before after above below to from up down in out on off over under ' +
  'again further then once here there when where why how all any both each few more most other some such no nor ' +
  'not only own same so than too very s t can will just don should now get got one would could also like';
const WEB = 'http https www com org net html amp via rt les gens cest';

export const STOP_WORDS: ReadonlySet<string> = new Set(`${FRENCH} ${ENGLISH} ${WEB}`.split(' '));
