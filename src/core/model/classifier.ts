import { FALLBACK_ID, FOLLOW_UP_KINDS, type FollowUpKind, type IntentId } from '../../knowledge/ids.js';
import type { KnowledgeBase } from '../../knowledge/types.js';
import { type NormalizedText, Normalizer } from '../text/normalize.js';
import { knownStems, learnStems } from '../text/tokens.js';
import { type Calibration, type CalibrationPoint, fitCalibration, probability } from './calibration.js';
import { type ExactPhrase, ExactPhrases, type ExactPhrasesState, exactPhrases } from './exact.js';
import { NO_TOPIC, type TrainingText, topicClasses, trainingTexts } from './examples.js';
import { FeatureIndex, type SparseVector } from './features.js';
import { Matcher, type MatcherState } from './nearest.js';
import { predictSoftmax, type SoftmaxState, trainSoftmax } from './softmax.js';
import { StringTable, type StringTableState } from './strings.js';
import { scoreTopics, type TopicCandidate } from './topic-scores.js';
import { characteristicFollowUpTerms, vocabularyTexts } from './vocabulary.js';

/** Bump when the shape of a trained model or of normalization changes, so stale caches are ignored. */
export const MODEL_VERSION = 15;

/** What the models make of one question; the decide step combines it with the conversation. */
export interface Classification {
  readonly normalized: NormalizedText;
  /** The intent whose training phrase the question is, word for word, if it is one. */
  readonly exact: IntentId | undefined;
  /** What of its topic that phrase asks for, when it says (`followUp` in intents/). */
  readonly exactFollowUp: FollowUpKind | undefined;
  /** Topics (and the bot's own intents), best first; never `fallback`. */
  readonly candidates: readonly TopicCandidate[];
  /** Calibrated probability that candidates[0] is what was asked. */
  readonly confidence: number;
  /**
   * Calibrated probability that the question is about one of the topics at all: high for "fentanil
   * from mexico?" (drugs or Mexico, either in scope) although neither topic alone is sure.
   */
  readonly inScope: number;
  /** The topic head's probability that the question is out of scope. */
  readonly outOfScope: number;
  /** The topic head's probability that the question names no topic ("tell me more"). */
  readonly noTopic: number;
  /** The follow-up asked for (null: a question of its own), best first. */
  readonly acts: readonly { readonly kind: FollowUpKind | null; readonly probability: number }[];
  /** Terms no training phrase has. */
  readonly unknown: readonly string[];
  /** Terms no topic's phrases have (unknown, or known only from out-of-scope examples). */
  readonly offTopic: readonly string[];
  /** The question's distinct terms less the words of follow-up phrases ("cite", "source", "more"). */
  readonly contentTerms: readonly string[];
}

export interface ClassifierState {
  readonly version: number;
  readonly vocabulary: readonly (readonly [string, number])[];
  /** The feature names, by id, with their lookup table. */
  readonly features: StringTableState;
  /** Terms the training texts use more than once: any other is rare. */
  readonly commonTerms: readonly string[];
  readonly topicClasses: readonly string[];
  /** The linear heads' weights: typed arrays, which the start-up cache keeps beside its JSON, as bytes. */
  readonly topic: SoftmaxState;
  readonly act: SoftmaxState;
  readonly nearest: MatcherState;
  readonly calibration: Calibration;
  readonly scopeCalibration: Calibration;
  readonly exact: ExactPhrasesState;
  /** Terms of the follow-up phrases: they ask for something, they do not name what. */
  readonly followUpTerms: readonly string[];
  /** Words and their stems, as training worked them out: a warm start need not stem them again. */
  readonly stems: { readonly words: StringTableState; readonly stems: StringTableState };
}

const ACT_CLASSES: readonly (FollowUpKind | null)[] = [null, ...FOLLOW_UP_KINDS];

/**
 * The confidence is calibrated on predictions for phrases held out of training: one fold in
 * FOLDS is held out at a time, for CALIBRATION_FOLDS of them (each costs a training run).
 */
const FOLDS = 4;
const CALIBRATION_FOLDS = 1;
/** Passes over the texts: more changes nothing measurable on the blind development sets, and costs time. */
const EPOCHS = 6;
/**
 * Passes for the held-out fold's topic head, which only feeds the calibration: half of EPOCHS
 * costs no figure on the blind development sets (two passes would, on dev-c), and saves a sixth
 * of training.
 */
const CALIBRATION_EPOCHS = 3;

/**
 * Two heads over the same features: which topic a question names (or none, or out of scope), and
 * which follow-up it asks for (or none). Beside the linear topic head, nearest-phrase TF-IDF says
 * how close the question comes to anything curators wrote; the confidence combines both with the
 * share of words nobody wrote, calibrated on cross-validated predictions over the phrases.
 */
export class Classifier {
  private readonly topicModel: SoftmaxState;
  private readonly actModel: SoftmaxState;
  private readonly matcher: Matcher;
  private readonly exactPhrases: ExactPhrases;

  private constructor(
    readonly normalizer: Normalizer,
    private readonly index: FeatureIndex,
    private readonly classes: readonly string[],
    topic: SoftmaxState,
    act: SoftmaxState,
    matcher: Matcher,
    private readonly calibration: Calibration,
    private readonly scopeCalibration: Calibration,
    exact: ExactPhrases,
    private readonly followUpTerms: ReadonlySet<string>,
  ) {
    this.topicModel = topic;
    this.actModel = act;
    this.matcher = matcher;
    this.exactPhrases = exact;
  }

  static train(kb: KnowledgeBase): Classifier {
    const normalizer = Normalizer.fromTexts(vocabularyTexts(kb), kb.language);
    const texts = trainingTexts(kb);
    const normalized = texts.map((t) => keptApart(normalizer.normalize(t.text, { correct: false })));
    const { index, vectors } = FeatureIndex.fit(normalized);
    const classes = topicClasses(kb);
    const trainHeads = (subset: readonly number[], epochs: number) => ({
      topic: trainTopic(subset, texts, vectors, classes, index.size, epochs),
      matcher: trainMatcher(subset, texts, normalized),
    });

    // Cross-validated predictions, a phrase held out with everything made from it.
    const points: CalibrationPoint[] = [];
    const scopePoints: CalibrationPoint[] = [];
    for (let fold = 0; fold < CALIBRATION_FOLDS; fold++) {
      const train: number[] = [];
      const held: number[] = [];
      texts.forEach((t, i) => {
        if (t.actOnly) return;
        (t.origin % FOLDS === fold ? held : train).push(i);
      });
      const { topic, matcher } = trainHeads(train, CALIBRATION_EPOCHS);
      for (const i of held) {
        const t = texts[i] as TrainingText;
        if (!t.written && t.act === null) continue;
        const scored = scoreTopics(
          classes,
          topic,
          matcher,
          vectors[i] as SparseVector,
          normalized[i] as NormalizedText,
        );
        const best = scored.candidates[0];
        if (!best) continue;
        points.push({ features: scored.features, correct: best.intent === t.topic });
        scopePoints.push({
          features: scored.features,
          correct: t.topic !== FALLBACK_ID && t.topic !== NO_TOPIC,
        });
      }
    }
    const calibration = fitCalibration(points);
    const scopeCalibration = fitCalibration(scopePoints);

    const all = texts.map((_, i) => i);
    const { topic, matcher } = trainHeads(
      all.filter((i) => !(texts[i] as TrainingText).actOnly),
      EPOCHS,
    );
    const act = trainSoftmax(
      all.map((i) => ({
        vector: vectors[i] as SparseVector,
        label: ACT_CLASSES.indexOf((texts[i] as TrainingText).act),
        weight: (texts[i] as TrainingText).weight,
        key: (texts[i] as TrainingText).key,
      })),
      { classes: ACT_CLASSES.length, features: index.size, epochs: EPOCHS, balance: 0.5 },
    );
    const followUpTerms = characteristicFollowUpTerms(texts, normalized);
    return new Classifier(
      normalizer,
      index,
      classes,
      topic,
      act,
      matcher,
      calibration,
      scopeCalibration,
      ExactPhrases.of(exactPhrases(kb, normalizer, texts, normalized)),
      followUpTerms,
    );
  }

  static fromState(state: ClassifierState, kb: KnowledgeBase): Classifier | undefined {
    if (state.version !== MODEL_VERSION) return undefined;
    const words = new StringTable(state.stems.words);
    const stems = new StringTable(state.stems.stems);
    learnStems({
      get: (word) => {
        const i = words.indexOf(word);
        return i < 0 ? undefined : stems.at(i);
      },
      entries: () => ({ words: words.toArray(), stems: stems.toArray() }),
    });
    return new Classifier(
      new Normalizer(new Map(state.vocabulary), kb.language),
      new FeatureIndex(new StringTable(state.features), state.commonTerms),
      state.topicClasses,
      state.topic,
      state.act,
      new Matcher(state.nearest),
      state.calibration,
      state.scopeCalibration,
      new ExactPhrases(state.exact),
      new Set(state.followUpTerms),
    );
  }

  toState(): ClassifierState {
    return {
      version: MODEL_VERSION,
      vocabulary: [...this.normalizer.vocabulary],
      features: this.index.names.toState(),
      commonTerms: this.index.commonTerms,
      topicClasses: this.classes,
      topic: this.topicModel,
      act: this.actModel,
      nearest: this.matcher.toState(),
      calibration: this.calibration,
      scopeCalibration: this.scopeCalibration,
      exact: this.exactPhrases.toState(),
      followUpTerms: [...this.followUpTerms],
      stems: (({ words, stems }) => ({
        words: StringTable.of(words, { lookup: true }).toState(),
        stems: StringTable.of(stems).toState(),
      }))(knownStems()),
    };
  }

  classify(question: string): Classification {
    return this.read(question).classification;
  }

  /** The classification, and the question's words as typed (`normalizer.words`), read once for both. */
  read(question: string): { readonly typed: readonly string[]; readonly classification: Classification } {
    const { typed, normalized } = this.normalizer.read(question);
    const vector = this.index.vector(normalized);
    const scored = scoreTopics(this.classes, this.topicModel, this.matcher, vector, normalized);
    const actProbabilities = predictSoftmax(this.actModel, vector);
    const acts = ACT_CLASSES.map((kind, i) => ({ kind, probability: actProbabilities[i] ?? 0 })).sort(
      (a, b) => b.probability - a.probability,
    );
    const best = scored.candidates[0];
    const exact = this.exact(typed, normalized);
    const classification: Classification = {
      normalized,
      exact: exact?.intent,
      exactFollowUp: exact?.followUp,
      candidates: scored.candidates,
      confidence: best === undefined ? 0 : probability(this.calibration, scored.features),
      inScope: best === undefined ? 0 : probability(this.scopeCalibration, scored.features),
      outOfScope: scored.fallback,
      noTopic: scored.noTopic,
      acts,
      unknown: scored.ranking.unknown,
      offTopic: scored.ranking.offTopic,
      contentTerms: [...new Set(normalized.terms)].filter((t) => !this.followUpTerms.has(t)),
    };
    return { typed, classification };
  }

  /**
   * The words as typed of every phrase curators wrote for an intent (those without a topic's slot),
   * from the table of phrases asked word for word: a warm start need not read the phrases.
   */
  phraseWords(intent: IntentId): string[][] {
    return this.exactPhrases.wordsOf(intent);
  }

  /** `classify(text).exact` without the scoring: the intent of the training phrase a text is word for word. */
  exactIntent(text: string): IntentId | undefined {
    return this.exactOf(text).intent;
  }

  /**
   * `exactIntent`, with how many words the text has as typed: `classify(text).normalized.words`
   * has at least as many (a correction replaces a word by one, a split by two), so a reading that
   * wants only short texts can pass over a long one without classifying it.
   */
  exactOf(text: string): { readonly intent: IntentId | undefined; readonly typedWords: number } {
    // The words as typed first; corrected only when they are no phrase (as `exact` looks them up).
    const { typed, corrected } = this.normalizer.spellings(text);
    const asTyped = this.exactPhrases.get(typed.join(' '));
    if (asTyped !== undefined) return { intent: asTyped.intent, typedWords: typed.length };
    const words = corrected();
    return {
      intent: words === undefined ? undefined : this.exactPhrases.get(words.join(' '))?.intent,
      typedWords: typed.length,
    };
  }

  /** The intent of a training phrase asked word for word: as written, or once typos are corrected. */
  private exact(typed: readonly string[], normalized: NormalizedText): ExactPhrase | undefined {
    // Without corrections the corrected words are the typed ones: one lookup is enough.
    return (
      this.exactPhrases.get(typed.join(' ')) ??
      (normalized.corrections.length === 0 ? undefined : this.exactPhrases.get(normalized.words.join(' ')))
    );
  }
}

/**
 * A training text's reading, copied: training keeps thousands of readings alive, and V8 then
 * allocates the objects made where questions are read (the same code) straight into the old
 * generation (allocation-site pretenuring), where each question's reading outlived its question
 * until a full collection. The copies are made here; the originals die young, as a question's do.
 */
function keptApart(n: NormalizedText): NormalizedText {
  return {
    plain: n.plain,
    words: n.words.slice(),
    folded: n.folded.slice(),
    terms: n.terms.slice(),
    corrections: n.corrections.slice(),
    synonyms: n.synonyms.slice(),
  };
}

/**
 * How much a follow-up's own phrase ("tell me more") counts for the topic head: enough to learn
 * that such words name nothing, not so much that a name after them ("…about instability") loses.
 */
const NO_TOPIC_WEIGHT = 0.3;

function trainTopic(
  subset: readonly number[],
  texts: readonly TrainingText[],
  vectors: readonly SparseVector[],
  classes: readonly string[],
  features: number,
  epochs: number,
): SoftmaxState {
  return trainSoftmax(
    subset.map((i) => ({
      vector: vectors[i] as SparseVector,
      label: classes.indexOf((texts[i] as TrainingText).topic),
      weight:
        (texts[i] as TrainingText).weight *
        ((texts[i] as TrainingText).topic === NO_TOPIC ? NO_TOPIC_WEIGHT : 1),
      key: (texts[i] as TrainingText).key,
    })),
    { classes: classes.length, features, epochs, balance: 0.5 },
  );
}

/** Nearest-phrase TF-IDF over what names a topic (or is out of scope): follow-up cues left out. */
function trainMatcher(
  subset: readonly number[],
  texts: readonly TrainingText[],
  normalized: readonly NormalizedText[],
): Matcher {
  return Matcher.train(
    subset
      .filter((i) => (texts[i] as TrainingText).topic !== NO_TOPIC)
      .map((i) => ({
        intent: (texts[i] as TrainingText).topic,
        text: (texts[i] as TrainingText).text,
        terms: (normalized[i] as NormalizedText).terms,
      })),
  );
}
