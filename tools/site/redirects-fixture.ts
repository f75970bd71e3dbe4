// For the redirect tests: a small repository with Papers With Code slugs (written as real YAML files by writeFixture).
import type { FixtureFiles } from '../views/test-support/fixture-repo.ts';

const f1 = (task: string) => ({ task, metrics: [{ name: 'F1', direction: 'higher' }], primary: 'F1' });
const bert = 'bert-pre-training-of-deep-bidirectional-transformers-for-language-understanding';

/**
 * Slugs as Papers With Code made them (Django's slugify drops the dot of "SQuAD1.1" and keeps
 * underscores), one slug that is another dataset's id (the site must not shadow that page), two
 * methods claiming one slug, and a name that needs escaping in HTML.
 */
export const SLUG_REPOSITORY: FixtureFiles = {
  'data/areas.yaml': { areas: [{ id: 'natural-language-processing', name: 'Natural Language Processing' }] },
  'data/tasks/question-answering.yaml': { name: 'Question Answering', area: 'natural-language-processing' },
  'data/tasks/speech-recognition.yaml': { name: 'Speech Recognition', area: 'natural-language-processing', pwc_slug: 'speech_recognition-asr' },
  'data/tasks/named-entity-recognition.yaml': { name: 'Named Entity Recognition <NER> & "friends"', area: 'natural-language-processing', pwc_slug: 'named-entity-recognition-ner' },
  'data/datasets/squad.yaml': { name: 'SQuAD' },
  'data/datasets/squad1-1.yaml': { name: 'SQuAD1.1', variant_of: 'squad', pwc_slug: 'squad11', benchmarks: [f1('question-answering'), f1('named-entity-recognition')] },
  // Its slug is the id of the dataset above: that page stays, no redirect is written over it.
  'data/datasets/squad-v1.yaml': { name: 'SQuAD v1', pwc_slug: 'squad' },
  'data/methods/bert.yaml': { name: 'BERT', pwc_slug: 'bert-model' },
  'data/methods/bert-large.yaml': { name: 'BERT Large', pwc_slug: 'bert-model' },
  [`data/papers/2018/${bert}.yaml`]: {
    title: 'BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding',
    date: '2018-10-11',
    arxiv: '1810.04805',
    pwc_slug: 'bert-pre-training-of-deep-bidirectional',
  },
  [`data/results/question-answering/squad1-1/${bert}.yaml`]: { results: [{ model: 'BERT Large', metrics: { F1: 93.2 }, source: 'Table 2' }] },
  [`data/results/named-entity-recognition/squad1-1/${bert}.yaml`]: { results: [{ model: 'BERT Large', metrics: { F1: 50.1 }, source: 'Table 9' }] },
};
