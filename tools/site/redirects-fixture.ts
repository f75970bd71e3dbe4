// For the redirect tests: a small repository of real YAML files with Papers With Code slugs, written to a folder.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Slugs as Papers With Code made them (Django's slugify drops the dot of "SQuAD1.1" and keeps
 * underscores), one slug that is another dataset's id (the site must not shadow that page), two
 * methods claiming one slug, and a name that needs escaping in HTML.
 */
export const SLUG_REPOSITORY: Record<string, string> = {
  'data/areas.yaml': 'areas:\n  - id: natural-language-processing\n    name: Natural Language Processing\n',
  'data/tasks/question-answering.yaml': 'name: Question Answering\narea: natural-language-processing\n',
  'data/tasks/speech-recognition.yaml': 'name: Speech Recognition\narea: natural-language-processing\npwc_slug: speech_recognition-asr\n',
  'data/tasks/named-entity-recognition.yaml': 'name: Named Entity Recognition <NER> & "friends"\narea: natural-language-processing\npwc_slug: named-entity-recognition-ner\n',
  'data/datasets/squad.yaml': 'name: SQuAD\n',
  'data/datasets/squad1-1.yaml': [
    'name: SQuAD1.1',
    'variant_of: squad',
    'pwc_slug: squad11',
    'benchmarks:',
    '  - task: question-answering',
    '    metrics:',
    '      - name: F1',
    '        direction: higher',
    '    primary: F1',
    '  - task: named-entity-recognition',
    '    metrics:',
    '      - name: F1',
    '        direction: higher',
    '',
  ].join('\n'),
  // Its slug is the id of the dataset above: that page stays, no redirect is written over it.
  'data/datasets/squad-v1.yaml': 'name: SQuAD v1\npwc_slug: squad\n',
  'data/methods/bert.yaml': 'name: BERT\npwc_slug: bert-model\n',
  'data/methods/bert-large.yaml': 'name: BERT Large\npwc_slug: bert-model\n',
  'data/papers/2018/bert-pre-training-of-deep-bidirectional-transformers-for-language-understanding.yaml': [
    'title: "BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding"',
    'date: 2018-10-11',
    'arxiv: "1810.04805"',
    'pwc_slug: bert-pre-training-of-deep-bidirectional',
    '',
  ].join('\n'),
  'data/results/question-answering/squad1-1/bert-pre-training-of-deep-bidirectional-transformers-for-language-understanding.yaml':
    'results:\n  - model: BERT Large\n    metrics:\n      F1: 93.2\n    source: Table 2\n',
  'data/results/named-entity-recognition/squad1-1/bert-pre-training-of-deep-bidirectional-transformers-for-language-understanding.yaml':
    'results:\n  - model: BERT Large\n    metrics:\n      F1: 50.1\n    source: Table 9\n',
};

/** Writes the repository's files under `root`. */
export function writeSlugRepository(root: string): void {
  for (const [path, text] of Object.entries(SLUG_REPOSITORY)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}
