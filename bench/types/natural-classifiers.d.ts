// natural's root index pulls in database drivers; the benchmark loads the leaf classifier modules
// directly (as src/ does for the stemmer), and they ship no declarations of their own.
declare module 'natural/lib/natural/classifiers/classifier.js' {
  /** natural's stemmers (PorterStemmer is the default); the classifier calls their tokenizeAndStem too. */
  export interface Stemmer {
    stem(token: string): string;
  }
  export interface ClassifierResult {
    readonly label: string;
    readonly value: number;
  }
  export default class Classifier {
    constructor(classifier: unknown, stemmer?: Stemmer);
    classifier: unknown;
    lastAdded: number;
    docs: { label: string; text: string[] }[];
    addDocument(text: string, classification: string): void;
    train(): void;
    getClassifications(observation: string): ClassifierResult[];
    classify(observation: string): string;
  }
}
declare module 'natural/lib/natural/classifiers/bayes_classifier.js' {
  import Classifier, { type Stemmer } from 'natural/lib/natural/classifiers/classifier.js';
  export default class BayesClassifier extends Classifier {
    constructor(stemmer?: Stemmer, smoothing?: number);
  }
}
declare module 'natural/lib/natural/classifiers/logistic_regression_classifier.js' {
  import Classifier, { type Stemmer } from 'natural/lib/natural/classifiers/classifier.js';
  export default class LogisticRegressionClassifier extends Classifier {
    constructor(stemmer?: Stemmer);
  }
}
