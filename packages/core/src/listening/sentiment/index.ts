// Sentiment of listening mentions: positive, neutral or negative with a calibrated confidence, for French (a
// linear model trained on French tweets that also reads the general AFINN-fr lexicon, blended with a hand lexicon) and English (the lexicon and the shared
// emoji/emoticon lexicon only: no English training data ships). Pure and synchronous; nothing is downloaded.
export {
  createSentimentAnalyzer,
  type SentimentAnalyzer,
  type SentimentAnalyzerOptions,
  type SentimentCorrection,
  type SentimentLabel,
  type SentimentResult,
} from './analyzer.js';
